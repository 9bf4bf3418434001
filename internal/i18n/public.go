package i18n

// publicReport holds the texts of the periodic public report (dnsobs
// report, internal/pubreport), merged into catalog at init: keys pr_*
// (report), ind_* (indicator names), status_* (progress toward a target).
var publicReport = map[string]map[string]string{
	"en": {
		"pr_title": "LAC DNS Observatory: public report", "pr_run": "Run", "pr_measured": "measured on",
		"pr_compared": "compared with run", "pr_no_previous": "No earlier run of the same input: no changes to show yet.",
		"pr_headline": "Headline indicators (region)", "pr_indicator": "Indicator", "pr_value": "Value", "pr_previous": "Previous",
		"pr_change": "Change", "pr_trend": "Trend", "pr_countries": "Per country", "pr_country": "Country", "pr_domains": "Domains",
		"pr_chart": "DNSSEC-signed and IPv6-ready domains per country (%)", "pr_targets": "Indicators against targets",
		"pr_scope": "Scope", "pr_target": "Target", "pr_date": "By", "pr_projected": "At the trend, by then", "pr_status": "Status",
		"pr_penetration": "Domain name penetration per country", "pr_population": "Population", "pr_per_1000": "Domains per 1,000 inhabitants",
		"pr_no_figure": "no figure", "pr_idn": "Share of IDN domains per TLD", "pr_tld": "TLD", "pr_idn_domains": "IDN domains", "pr_idn_share": "IDN share",
		"pr_changes": "Changes since the previous run", "pr_finding": "Finding", "pr_domains_with": "Domains with it",
		"pr_notes": "Notes", "pr_note_formula": "Each indicator is 100 × n / D over the D domains of its scope measured in the run.",
		"pr_note_pop": "Population", "pr_note_measured": "Penetration counts the domains this run measured, not a registry's total.",
		"pr_ceiling": "a ceiling: lower is better", "pr_region": "region",
		"ind_domains": "Domains measured", "ind_dnssec_signed_pct": "DNSSEC signed", "ind_dnssec_valid_pct": "DNSSEC validly signed",
		"ind_ipv6_ready_pct": "IPv6-ready", "ind_ns_multi_asn_pct": "NS over 2+ ASNs", "ind_lame_pct": "Lame delegation",
		"ind_open_recursion_pct": "Open recursion", "ind_open_axfr_pct": "Open zone transfer (AXFR)",
		"ind_domains_per_1000": "Domains per 1,000 inhabitants", "ind_idn_pct": "IDN domains",
		"status_met": "met", "status_on_track": "on track", "status_off_track": "off track", "status_no_trend": "no trend yet",
	},
	"es": {
		"pr_title": "Observatorio DNS de LAC: informe público", "pr_run": "Corrida", "pr_measured": "medida el",
		"pr_compared": "comparada con la corrida", "pr_no_previous": "No hay una corrida anterior de la misma entrada: todavía no hay cambios que mostrar.",
		"pr_headline": "Indicadores principales (región)", "pr_indicator": "Indicador", "pr_value": "Valor", "pr_previous": "Anterior",
		"pr_change": "Cambio", "pr_trend": "Tendencia", "pr_countries": "Por país", "pr_country": "País", "pr_domains": "Dominios",
		"pr_chart": "Dominios firmados con DNSSEC y preparados para IPv6 por país (%)", "pr_targets": "Indicadores frente a metas",
		"pr_scope": "Ámbito", "pr_target": "Meta", "pr_date": "Para el", "pr_projected": "Según la tendencia, para esa fecha", "pr_status": "Estado",
		"pr_penetration": "Penetración de nombres de dominio por país", "pr_population": "Población", "pr_per_1000": "Dominios por cada 1.000 habitantes",
		"pr_no_figure": "sin dato", "pr_idn": "Proporción de dominios IDN por TLD", "pr_tld": "TLD", "pr_idn_domains": "Dominios IDN", "pr_idn_share": "Proporción IDN",
		"pr_changes": "Cambios desde la corrida anterior", "pr_finding": "Hallazgo", "pr_domains_with": "Dominios con él",
		"pr_notes": "Notas", "pr_note_formula": "Cada indicador es 100 × n / D sobre los D dominios de su ámbito medidos en la corrida.",
		"pr_note_pop": "Población", "pr_note_measured": "La penetración cuenta los dominios que midió esta corrida, no el total de un registro.",
		"pr_ceiling": "un techo: menos es mejor", "pr_region": "región",
		"ind_domains": "Dominios medidos", "ind_dnssec_signed_pct": "Firmados con DNSSEC", "ind_dnssec_valid_pct": "Firmados válidamente con DNSSEC",
		"ind_ipv6_ready_pct": "Preparados para IPv6", "ind_ns_multi_asn_pct": "NS en 2 o más ASN", "ind_lame_pct": "Delegación coja (lame)",
		"ind_open_recursion_pct": "Recursión abierta", "ind_open_axfr_pct": "Transferencia de zona abierta (AXFR)",
		"ind_domains_per_1000": "Dominios por cada 1.000 habitantes", "ind_idn_pct": "Dominios IDN",
		"status_met": "alcanzada", "status_on_track": "en camino", "status_off_track": "fuera de camino", "status_no_trend": "aún sin tendencia",
	},
	"pt": {
		"pr_title": "Observatório DNS da ALC: relatório público", "pr_run": "Execução", "pr_measured": "medida em",
		"pr_compared": "comparada com a execução", "pr_no_previous": "Não há execução anterior da mesma entrada: ainda não há mudanças a mostrar.",
		"pr_headline": "Indicadores principais (região)", "pr_indicator": "Indicador", "pr_value": "Valor", "pr_previous": "Anterior",
		"pr_change": "Variação", "pr_trend": "Tendência", "pr_countries": "Por país", "pr_country": "País", "pr_domains": "Domínios",
		"pr_chart": "Domínios assinados com DNSSEC e prontos para IPv6 por país (%)", "pr_targets": "Indicadores frente às metas",
		"pr_scope": "Escopo", "pr_target": "Meta", "pr_date": "Até", "pr_projected": "Na tendência, até lá", "pr_status": "Situação",
		"pr_penetration": "Penetração de nomes de domínio por país", "pr_population": "População", "pr_per_1000": "Domínios por 1.000 habitantes",
		"pr_no_figure": "sem dado", "pr_idn": "Proporção de domínios IDN por TLD", "pr_tld": "TLD", "pr_idn_domains": "Domínios IDN", "pr_idn_share": "Proporção IDN",
		"pr_changes": "Mudanças desde a execução anterior", "pr_finding": "Constatação", "pr_domains_with": "Domínios com ela",
		"pr_notes": "Notas", "pr_note_formula": "Cada indicador é 100 × n / D sobre os D domínios do seu escopo medidos na execução.",
		"pr_note_pop": "População", "pr_note_measured": "A penetração conta os domínios que esta execução mediu, não o total de um registro.",
		"pr_ceiling": "um teto: menos é melhor", "pr_region": "região",
		"ind_domains": "Domínios medidos", "ind_dnssec_signed_pct": "Assinados com DNSSEC", "ind_dnssec_valid_pct": "Assinados validamente com DNSSEC",
		"ind_ipv6_ready_pct": "Prontos para IPv6", "ind_ns_multi_asn_pct": "NS em 2 ou mais ASNs", "ind_lame_pct": "Delegação quebrada (lame)",
		"ind_open_recursion_pct": "Recursão aberta", "ind_open_axfr_pct": "Transferência de zona aberta (AXFR)",
		"ind_domains_per_1000": "Domínios por 1.000 habitantes", "ind_idn_pct": "Domínios IDN",
		"status_met": "atingida", "status_on_track": "no caminho", "status_off_track": "fora do caminho", "status_no_trend": "ainda sem tendência",
	},
	"fr": {
		"pr_title": "Observatoire DNS de l'ALC : rapport public", "pr_run": "Campagne", "pr_measured": "mesurée le",
		"pr_compared": "comparée à la campagne", "pr_no_previous": "Aucune campagne antérieure de la même entrée : pas encore de changements à montrer.",
		"pr_headline": "Indicateurs principaux (région)", "pr_indicator": "Indicateur", "pr_value": "Valeur", "pr_previous": "Précédente",
		"pr_change": "Variation", "pr_trend": "Tendance", "pr_countries": "Par pays", "pr_country": "Pays", "pr_domains": "Domaines",
		"pr_chart": "Domaines signés avec DNSSEC et prêts pour IPv6 par pays (%)", "pr_targets": "Indicateurs et objectifs",
		"pr_scope": "Périmètre", "pr_target": "Objectif", "pr_date": "Échéance", "pr_projected": "À la tendance, à l'échéance", "pr_status": "État",
		"pr_penetration": "Pénétration des noms de domaine par pays", "pr_population": "Population", "pr_per_1000": "Domaines pour 1 000 habitants",
		"pr_no_figure": "pas de chiffre", "pr_idn": "Part des domaines IDN par TLD", "pr_tld": "TLD", "pr_idn_domains": "Domaines IDN", "pr_idn_share": "Part IDN",
		"pr_changes": "Changements depuis la campagne précédente", "pr_finding": "Constat", "pr_domains_with": "Domaines concernés",
		"pr_notes": "Notes", "pr_note_formula": "Chaque indicateur vaut 100 × n / D sur les D domaines de son périmètre mesurés dans la campagne.",
		"pr_note_pop": "Population", "pr_note_measured": "La pénétration compte les domaines mesurés par cette campagne, pas le total d'un registre.",
		"pr_ceiling": "un plafond : moins est mieux", "pr_region": "région",
		"ind_domains": "Domaines mesurés", "ind_dnssec_signed_pct": "Signés avec DNSSEC", "ind_dnssec_valid_pct": "Signés valablement avec DNSSEC",
		"ind_ipv6_ready_pct": "Prêts pour IPv6", "ind_ns_multi_asn_pct": "NS sur 2 AS ou plus", "ind_lame_pct": "Délégation boiteuse (lame)",
		"ind_open_recursion_pct": "Récursion ouverte", "ind_open_axfr_pct": "Transfert de zone ouvert (AXFR)",
		"ind_domains_per_1000": "Domaines pour 1 000 habitants", "ind_idn_pct": "Domaines IDN",
		"status_met": "atteint", "status_on_track": "en bonne voie", "status_off_track": "hors trajectoire", "status_no_trend": "pas encore de tendance",
	},
}

func init() {
	for lang, texts := range publicReport {
		for k, v := range texts {
			if _, dup := catalog[lang][k]; dup {
				panic("i18n: public report key " + k + " already in the catalog")
			}
			catalog[lang][k] = v
		}
	}
}
