// Package i18n holds the user-interface texts of reports and commands in
// the observatory's languages: English, Spanish, Portuguese and French.
// Check texts live with their checks (internal/check/<area>/defs.go).
//
// To add a text, add a key to every language in catalog; the test fails
// when a language lacks a key.
package i18n

import (
	"fmt"
	"strings"
)

// Languages supported, English first (the fallback).
var Languages = []string{"en", "es", "pt", "fr"}

var catalog = map[string]map[string]string{
	"en": {
		"domain": "Domain", "checked_at": "Checked at", "dnssec": "DNSSEC", "nameservers": "Nameservers",
		"findings": "Findings", "no_findings": "No findings: the checks found nothing to fix.", "incomplete": "No verdict: the check did not finish, so the absence of findings says nothing about the zone.",
		"fix": "Fix", "ipv6": "IPv6", "queries_sent": "queries sent", "delegation": "Delegation",
		"collection_error": "Could not finish", "error": "error", "parent": "parent", "unreachable": "no answer", "not_probed": "not queried",
		"authoritative": "authoritative", "lame": "lame", "ready": "ready", "not_ready": "not ready",
		"ns_with_aaaa": "nameservers with AAAA", "apex": "apex", "www": "www", "mx": "MX targets with AAAA",
		"ds_given": "from the DS given with --ds", "secure": "secure", "insecure": "insecure (not signed)", "bogus": "BOGUS", "indeterminate": "indeterminate",
		"info": "info", "notice": "notice", "warning": "warning", "critical": "critical",
		"summary": "Summary", "asns": "ASNs", "prefixes": "prefixes", "countries": "countries", "evidence": "queries",
	},
	"es": {
		"domain": "Dominio", "checked_at": "Revisado el", "dnssec": "DNSSEC", "nameservers": "Servidores de nombres",
		"findings": "Hallazgos", "no_findings": "Sin hallazgos: las pruebas no encontraron nada que corregir.", "incomplete": "Sin veredicto: la comprobación no terminó, así que la ausencia de hallazgos no dice nada de la zona.",
		"fix": "Solución", "ipv6": "IPv6", "queries_sent": "consultas enviadas", "delegation": "Delegación",
		"collection_error": "No se pudo terminar", "error": "error", "parent": "zona padre", "unreachable": "sin respuesta", "not_probed": "no consultado",
		"authoritative": "autoritativo", "lame": "delegación coja (lame)", "ready": "preparado", "not_ready": "no preparado",
		"ns_with_aaaa": "servidores con AAAA", "apex": "ápice", "www": "www", "mx": "destinos MX con AAAA",
		"ds_given": "según el DS dado con --ds", "secure": "segura", "insecure": "insegura (sin firmar)", "bogus": "FALSA (bogus)", "indeterminate": "indeterminada",
		"info": "info", "notice": "aviso", "warning": "advertencia", "critical": "crítico",
		"summary": "Resumen", "asns": "ASN", "prefixes": "prefijos", "countries": "países", "evidence": "consultas",
	},
	"pt": {
		"domain": "Domínio", "checked_at": "Verificado em", "dnssec": "DNSSEC", "nameservers": "Servidores de nomes",
		"findings": "Constatações", "no_findings": "Nenhuma constatação: os testes não encontraram nada a corrigir.", "incomplete": "Sem veredito: a verificação não terminou, então a ausência de constatações não diz nada sobre a zona.",
		"fix": "Correção", "ipv6": "IPv6", "queries_sent": "consultas enviadas", "delegation": "Delegação",
		"collection_error": "Não foi possível concluir", "error": "erro", "parent": "zona pai", "unreachable": "sem resposta", "not_probed": "não consultado",
		"authoritative": "autoritativo", "lame": "delegação quebrada (lame)", "ready": "pronto", "not_ready": "não pronto",
		"ns_with_aaaa": "servidores com AAAA", "apex": "ápice", "www": "www", "mx": "destinos MX com AAAA",
		"ds_given": "segundo o DS dado com --ds", "secure": "segura", "insecure": "insegura (não assinada)", "bogus": "INVÁLIDA (bogus)", "indeterminate": "indeterminada",
		"info": "info", "notice": "aviso", "warning": "alerta", "critical": "crítico",
		"summary": "Resumo", "asns": "ASNs", "prefixes": "prefixos", "countries": "países", "evidence": "consultas",
	},
	"fr": {
		"domain": "Domaine", "checked_at": "Vérifié le", "dnssec": "DNSSEC", "nameservers": "Serveurs de noms",
		"findings": "Constats", "no_findings": "Aucun constat : les tests n'ont rien trouvé à corriger.", "incomplete": "Pas de verdict : la vérification n'a pas abouti, l'absence de constats ne dit donc rien de la zone.",
		"fix": "Correction", "ipv6": "IPv6", "queries_sent": "requêtes envoyées", "delegation": "Délégation",
		"collection_error": "Impossible de terminer", "error": "erreur", "parent": "zone parente", "unreachable": "aucune réponse", "not_probed": "non interrogée",
		"authoritative": "faisant autorité", "lame": "délégation boiteuse (lame)", "ready": "prêt", "not_ready": "pas prêt",
		"ns_with_aaaa": "serveurs avec AAAA", "apex": "apex", "www": "www", "mx": "cibles MX avec AAAA",
		"ds_given": "d'après le DS donné avec --ds", "secure": "sécurisée", "insecure": "non sécurisée (non signée)", "bogus": "INVALIDE (bogus)", "indeterminate": "indéterminée",
		"info": "info", "notice": "remarque", "warning": "avertissement", "critical": "critique",
		"summary": "Résumé", "asns": "ASN", "prefixes": "préfixes", "countries": "pays", "evidence": "requêtes",
	},
}

// Check returns an error when lang is not supported.
func Check(lang string) error {
	if _, ok := catalog[lang]; ok {
		return nil
	}
	return fmt.Errorf("unsupported language %q (want one of %s)", lang, strings.Join(Languages, ", "))
}

// T returns the text of key in lang, falling back to English, then to the key.
func T(lang, key string) string {
	if s, ok := catalog[lang][key]; ok {
		return s
	}
	if s, ok := catalog["en"][key]; ok {
		return s
	}
	return key
}

// Keys returns the keys of lang's catalog (for tests).
func Keys(lang string) []string {
	var out []string
	for k := range catalog[lang] {
		out = append(out, k)
	}
	return out
}
