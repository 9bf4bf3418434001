package dnssec

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// Check IDs of this area: the stable strings tests and tools compare
// with. Findings are made through the handles below.
const (
	IDBogus         = "DNSSEC_BOGUS"
	IDDSNoMatch     = "DNSSEC_DS_NO_MATCH"
	IDRRSIGExpired  = "DNSSEC_RRSIG_EXPIRED"
	IDRRSIGNotYet   = "DNSSEC_RRSIG_NOT_YET_VALID"
	IDRRSIGExpiring = "DNSSEC_RRSIG_EXPIRING"
	IDRRSIGMissing  = "DNSSEC_RRSIG_MISSING"
	IDAlgDeprecated = "DNSSEC_ALGORITHM_DEPRECATED"
	IDNSEC3Params   = "DNSSEC_NSEC3_PARAMS"
	IDCDSMismatch   = "DNSSEC_CDS_MISMATCH"
	IDUnsigned      = "DNSSEC_UNSIGNED"
)

func txt(title, message, remediation string) check.Text {
	return check.Text{Title: title, Message: message, Remediation: remediation}
}

// The handles of this area's checks: the only way its analysis makes findings.
var (
	bogus = check.Register(check.Definition{
		ID: IDBogus, Category: check.DNSSEC, Severity: check.Critical,
		References: []string{"RFC 4033 §5", "RFC 4035 §5", "RFC 6840 §5"},
		Zonemaster: []string{"DNSSEC02", "DNSSEC08", "DNSSEC09", "DNSSEC11", "DS02_DNSKEY_NOT_SIGNED_BY_ANY_DS", "DS02_NO_VALID_DNSKEY_FOR_ANY_DS", "DS02_RRSIG_NOT_VALID_BY_DNSKEY", "DS08_RRSIG_NOT_VALID_BY_DNSKEY", "DS09_RRSIG_NOT_VALID_BY_DNSKEY", "DS11_DS_BUT_UNSIGNED_ZONE"},
		Details: map[string]check.Detail{"bogus": {
			// The validator's reason is its own English text: it stays whole in the
			// arguments and in English; the other languages name the broken link.
			Text: check.Langs("{validator_reason}", "la cadena de confianza se rompe en {zone}",
				"a cadeia de confiança se rompe em {zone}", "la chaîne de confiance est rompue à {zone}"),
			Example: check.Args{"validator_reason": "RRSIG by example.org. key 12345 (ECDSAP256SHA256) over example.org./DNSKEY does not verify", "zone": "example.org."},
		}},
		Text: map[string]check.Text{
			"en": txt("DNSSEC validation fails",
				"Validating resolvers cannot validate {subject} and will answer SERVFAIL for it: {detail}.",
				"Fix the broken link in the chain of trust named above: re-sign the zone, publish the DNSKEY the DS points to, or have the parent update or remove the DS record."),
			"es": txt("La validación DNSSEC falla",
				"Los resolutores con validación no pueden validar {subject} y responderán SERVFAIL: {detail}.",
				"Corrija el eslabón roto de la cadena de confianza indicado: vuelva a firmar la zona, publique la DNSKEY a la que apunta el DS, o pida a la zona padre que actualice o elimine el registro DS."),
			"pt": txt("A validação DNSSEC falha",
				"Resolvedores com validação não conseguem validar {subject} e responderão SERVFAIL: {detail}.",
				"Corrija o elo quebrado da cadeia de confiança indicado: assine a zona novamente, publique a DNSKEY à qual o DS aponta, ou peça à zona pai para atualizar ou remover o registro DS."),
			"fr": txt("La validation DNSSEC échoue",
				"Les résolveurs validants ne peuvent pas valider {subject} et répondront SERVFAIL : {detail}.",
				"Réparez le maillon défaillant de la chaîne de confiance indiqué : signez à nouveau la zone, publiez la DNSKEY désignée par le DS, ou demandez à la zone parente de mettre à jour ou de retirer l'enregistrement DS."),
		},
	})
	dsNoMatch = check.Register(check.Definition{
		ID: IDDSNoMatch, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 4034 §5.1.4", "RFC 4035 §5.2", "RFC 6781 §4.1.2"},
		Zonemaster: []string{"DNSSEC02", "DS02_NO_DNSKEY_FOR_DS", "DS02_NO_MATCH_DS_DNSKEY"},
		Details: map[string]check.Detail{
			"ds": {
				Text: check.Langs("no DNSKEY of {zone} has key tag {keytag}, algorithm {algorithm} and this {digest} digest",
					"ninguna DNSKEY de {zone} tiene la etiqueta {keytag}, el algoritmo {algorithm} y este resumen {digest}",
					"nenhuma DNSKEY de {zone} tem a etiqueta {keytag}, o algoritmo {algorithm} e este resumo {digest}",
					"aucune DNSKEY de {zone} n'a l'étiquette {keytag}, l'algorithme {algorithm} et ce condensé {digest}"),
				Example: check.Args{"zone": "example.org.", "keytag": "12345", "algorithm": "ECDSAP256SHA256", "digest": "SHA-256"},
			},
			"given": {
				Text: check.Langs("given with --ds, not the parent's: no DNSKEY of {zone} has key tag {keytag}, algorithm {algorithm} and this {digest} digest",
					"dado con --ds, no el de la zona padre: ninguna DNSKEY de {zone} tiene la etiqueta {keytag}, el algoritmo {algorithm} y este resumen {digest}",
					"dado com --ds, não o da zona pai: nenhuma DNSKEY de {zone} tem a etiqueta {keytag}, o algoritmo {algorithm} e este resumo {digest}",
					"donné avec --ds, pas celui de la zone parente : aucune DNSKEY de {zone} n'a l'étiquette {keytag}, l'algorithme {algorithm} et ce condensé {digest}"),
				Example: check.Args{"zone": "example.org.", "keytag": "12345", "algorithm": "ECDSAP256SHA256", "digest": "SHA-256"},
			},
		},
		Text: map[string]check.Text{
			"en": txt("DS record matches no DNSKEY",
				"The parent publishes {subject}, which matches no DNSKEY of the zone: {detail}.",
				"Publish the DNSKEY this DS was made from, or replace the DS at the registrar with one computed from the zone's current KSK (for example with dnssec-dsfromkey or ldns-key2ds)."),
			"es": txt("Registro DS sin DNSKEY correspondiente",
				"La zona padre publica {subject}, que no corresponde a ninguna DNSKEY de la zona: {detail}.",
				"Publique la DNSKEY de la que se generó este DS, o reemplace el DS en el registrador por uno calculado a partir de la KSK actual de la zona (por ejemplo con dnssec-dsfromkey o ldns-key2ds)."),
			"pt": txt("Registro DS sem DNSKEY correspondente",
				"A zona pai publica {subject}, que não corresponde a nenhuma DNSKEY da zona: {detail}.",
				"Publique a DNSKEY a partir da qual este DS foi gerado, ou substitua o DS no registrador por um calculado a partir da KSK atual da zona (por exemplo com dnssec-dsfromkey ou ldns-key2ds)."),
			"fr": txt("Enregistrement DS sans DNSKEY correspondante",
				"La zone parente publie {subject}, qui ne correspond à aucune DNSKEY de la zone : {detail}.",
				"Publiez la DNSKEY dont ce DS est issu, ou remplacez le DS chez le bureau d'enregistrement par un DS calculé à partir de la KSK actuelle de la zone (par exemple avec dnssec-dsfromkey ou ldns-key2ds)."),
		},
	})
	rrsigExpired = check.Register(check.Definition{
		ID: IDRRSIGExpired, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 4034 §3.1.5", "RFC 4035 §5.3.1"},
		Zonemaster: []string{"DNSSEC04", "DNSSEC08", "DNSSEC09", "DS08_DNSKEY_RRSIG_EXPIRED", "DS09_SOA_RRSIG_EXPIRED"},
		Details: map[string]check.Detail{"expired": {
			Text: check.Langs("RRSIG by {signer} key {keytag} ({algorithm}) expired {expiration} (inception {inception})",
				"RRSIG de {signer} con la clave {keytag} ({algorithm}) expiró el {expiration} (inicio {inception})",
				"RRSIG de {signer} com a chave {keytag} ({algorithm}) expirou em {expiration} (início {inception})",
				"RRSIG de {signer} par la clé {keytag} ({algorithm}) expirée le {expiration} (début {inception})"),
			Example: check.Args{"signer": "example.org.", "keytag": "12345", "algorithm": "ECDSAP256SHA256", "expiration": "2026-11-30T00:00:00Z", "inception": "2026-11-01T00:00:00Z"},
		}},
		Text: map[string]check.Text{
			"en": txt("Expired signature",
				"The RRSIG over {subject} has expired: {detail}.",
				"Re-sign the zone and make sure the signer runs regularly (check the signing cron job or the automatic signing of the DNS server) and that the servers load the new zone."),
			"es": txt("Firma vencida",
				"La firma RRSIG sobre {subject} está vencida: {detail}.",
				"Vuelva a firmar la zona y asegúrese de que el firmado se ejecute con regularidad (revise la tarea programada o el firmado automático del servidor DNS) y de que los servidores carguen la zona nueva."),
			"pt": txt("Assinatura expirada",
				"A RRSIG sobre {subject} expirou: {detail}.",
				"Assine a zona novamente e garanta que a assinatura seja executada regularmente (verifique a tarefa agendada ou a assinatura automática do servidor DNS) e que os servidores carreguem a nova zona."),
			"fr": txt("Signature expirée",
				"La RRSIG sur {subject} a expiré : {detail}.",
				"Signez à nouveau la zone et vérifiez que la signature s'exécute régulièrement (tâche planifiée ou signature automatique du serveur DNS) et que les serveurs chargent la nouvelle zone."),
		},
	})
	rrsigNotYet = check.Register(check.Definition{
		ID: IDRRSIGNotYet, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 4034 §3.1.5", "RFC 4035 §5.3.1"},
		Zonemaster: []string{"DNSSEC08", "DNSSEC09", "DS08_DNSKEY_RRSIG_NOT_YET_VALID", "DS09_SOA_RRSIG_NOT_YET_VALID"},
		Details: map[string]check.Detail{"not_yet": {
			Text: check.Langs("RRSIG by {signer} key {keytag} ({algorithm}) valid from {inception} to {expiration}",
				"RRSIG de {signer} con la clave {keytag} ({algorithm}) válida del {inception} al {expiration}",
				"RRSIG de {signer} com a chave {keytag} ({algorithm}) válida de {inception} a {expiration}",
				"RRSIG de {signer} par la clé {keytag} ({algorithm}) valide du {inception} au {expiration}"),
			Example: check.Args{"signer": "example.org.", "keytag": "12345", "algorithm": "ECDSAP256SHA256", "expiration": "2027-01-30T00:00:00Z", "inception": "2027-01-01T00:00:00Z"},
		}},
		Text: map[string]check.Text{
			"en": txt("Signature not yet valid",
				"The RRSIG over {subject} is not valid yet: {detail}.",
				"Check the signer's clock and its inception offset, then re-sign the zone; signatures should start some time in the past to allow for clock skew."),
			"es": txt("Firma aún no válida",
				"La firma RRSIG sobre {subject} todavía no es válida: {detail}.",
				"Revise el reloj del sistema que firma y su margen de inicio, y vuelva a firmar la zona; las firmas deben comenzar algo en el pasado para tolerar desfases de reloj."),
			"pt": txt("Assinatura ainda não válida",
				"A RRSIG sobre {subject} ainda não é válida: {detail}.",
				"Verifique o relógio do sistema que assina e sua margem de início, e assine a zona novamente; as assinaturas devem começar um pouco no passado para tolerar diferenças de relógio."),
			"fr": txt("Signature pas encore valide",
				"La RRSIG sur {subject} n'est pas encore valide : {detail}.",
				"Vérifiez l'horloge du système de signature et sa marge de début, puis signez à nouveau la zone ; les signatures doivent commencer un peu dans le passé pour tolérer les décalages d'horloge."),
		},
	})
	rrsigExpiring = check.Register(check.Definition{
		ID: IDRRSIGExpiring, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 4034 §3.1.5", "RFC 6781 §4.4.2"},
		Zonemaster: []string{"DNSSEC04"},
		Details: map[string]check.Detail{"expiring": {
			Text: check.Langs("RRSIG by {signer} key {keytag} ({algorithm}) expires {expiration}, in {remaining}",
				"RRSIG de {signer} con la clave {keytag} ({algorithm}) expira el {expiration}, en {remaining}",
				"RRSIG de {signer} com a chave {keytag} ({algorithm}) expira em {expiration}, em {remaining}",
				"RRSIG de {signer} par la clé {keytag} ({algorithm}) expire le {expiration}, dans {remaining}"),
			Example: check.Args{"signer": "example.org.", "keytag": "12345", "algorithm": "ECDSAP256SHA256", "expiration": "2026-12-05T00:00:00Z", "remaining": "47h0m0s"},
		}},
		Text: map[string]check.Text{
			"en": txt("Signature about to expire",
				"The RRSIG over {subject} expires within 7 days: {detail}.",
				"Make sure the zone is re-signed before the signatures expire; if signing is automatic, check that it still runs."),
			"es": txt("Firma a punto de vencer",
				"La firma RRSIG sobre {subject} vence en menos de 7 días: {detail}.",
				"Asegúrese de que la zona se vuelva a firmar antes de que venzan las firmas; si el firmado es automático, compruebe que siga ejecutándose."),
			"pt": txt("Assinatura prestes a expirar",
				"A RRSIG sobre {subject} expira em menos de 7 dias: {detail}.",
				"Garanta que a zona seja assinada novamente antes que as assinaturas expirem; se a assinatura for automática, verifique se ela continua em execução."),
			"fr": txt("Signature sur le point d'expirer",
				"La RRSIG sur {subject} expire dans moins de 7 jours : {detail}.",
				"Assurez-vous que la zone soit signée à nouveau avant l'expiration des signatures ; si la signature est automatique, vérifiez qu'elle fonctionne toujours."),
		},
	})
	rrsigMissing = check.Register(check.Definition{
		ID: IDRRSIGMissing, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 4035 §2.2", "RFC 4035 §3.1.1"},
		Zonemaster: []string{"DNSSEC08", "DNSSEC09", "DS08_MISSING_RRSIG_IN_RESPONSE", "DS09_MISSING_RRSIG_IN_RESPONSE"},
		Details: map[string]check.Detail{"missing": {
			Text:    check.Langs("no RRSIG", "sin RRSIG", "sem RRSIG", "aucune RRSIG"),
			Example: check.Args{},
		}},
		Text: map[string]check.Text{
			"en": txt("RRset without signature",
				"{subject} comes without any RRSIG although the zone is signed.",
				"Re-sign the whole zone and check that every server serves the signed version; a server still loading an unsigned copy answers like this."),
			"es": txt("RRset sin firma",
				"{subject} llega sin ninguna firma RRSIG aunque la zona está firmada.",
				"Vuelva a firmar toda la zona y compruebe que todos los servidores sirvan la versión firmada; un servidor que aún carga una copia sin firmar responde así."),
			"pt": txt("RRset sem assinatura",
				"{subject} chega sem nenhuma RRSIG embora a zona esteja assinada.",
				"Assine novamente toda a zona e verifique se todos os servidores servem a versão assinada; um servidor que ainda carrega uma cópia não assinada responde assim."),
			"fr": txt("RRset sans signature",
				"{subject} arrive sans aucune RRSIG alors que la zone est signée.",
				"Signez à nouveau toute la zone et vérifiez que chaque serveur sert la version signée ; un serveur qui charge encore une copie non signée répond ainsi."),
		},
	})
	algDeprecated = check.Register(check.Definition{
		ID: IDAlgDeprecated, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 9904", "RFC 9905 §2", "RFC 6781 §4.1.4"},
		Zonemaster: []string{"DNSSEC01", "DNSSEC05", "DS01_DS_ALGO_DEPRECATED", "DS05_ALGO_DEPRECATED", "DS05_ALGO_NOT_RECOMMENDED"},
		Details: map[string]check.Detail{
			"signing": {
				Text: check.Langs("{algorithm} ({number}): {requirement} for signing ({reference})",
					"{algorithm} ({number}): {requirement} para firmar ({reference})",
					"{algorithm} ({number}): {requirement} para assinar ({reference})",
					"{algorithm} ({number}) : {requirement} pour signer ({reference})"),
				Example: check.Args{"algorithm": "RSASHA1", "number": "5", "requirement": "MUST NOT", "reference": "RFC 9905"},
			},
			"digest": {
				Text: check.Langs("digest type {digest} ({number}): {requirement} for DS publication ({reference})",
					"tipo de resumen {digest} ({number}): {requirement} para publicar DS ({reference})",
					"tipo de resumo {digest} ({number}): {requirement} para publicar DS ({reference})",
					"type de condensé {digest} ({number}) : {requirement} pour publier un DS ({reference})"),
				Example: check.Args{"digest": "SHA-1", "number": "1", "requirement": "MUST NOT", "reference": "RFC 9904"},
			},
		},
		Text: map[string]check.Text{
			"en": txt("Deprecated DNSSEC algorithm",
				"{subject} uses an algorithm that must not or should not be used any more: {detail}.",
				"Roll the zone to ECDSAP256SHA256 (13) or ED25519 (15), and publish DS records with SHA-256 (digest type 2) only; follow an algorithm rollover procedure (RFC 6781 §4.1.4) to stay valid during the change."),
			"es": txt("Algoritmo DNSSEC obsoleto",
				"{subject} usa un algoritmo que ya no debe o no debería usarse: {detail}.",
				"Migre la zona a ECDSAP256SHA256 (13) o ED25519 (15) y publique registros DS solo con SHA-256 (tipo de resumen 2); siga un procedimiento de cambio de algoritmo (RFC 6781 §4.1.4) para que la zona siga validando durante el cambio."),
			"pt": txt("Algoritmo DNSSEC obsoleto",
				"{subject} usa um algoritmo que não deve ou não deveria mais ser usado: {detail}.",
				"Migre a zona para ECDSAP256SHA256 (13) ou ED25519 (15) e publique registros DS somente com SHA-256 (tipo de resumo 2); siga um procedimento de troca de algoritmo (RFC 6781 §4.1.4) para que a zona continue validando durante a troca."),
			"fr": txt("Algorithme DNSSEC obsolète",
				"{subject} utilise un algorithme qui ne doit plus ou ne devrait plus être utilisé : {detail}.",
				"Passez la zone à ECDSAP256SHA256 (13) ou ED25519 (15) et publiez des DS uniquement en SHA-256 (type de condensé 2) ; suivez une procédure de changement d'algorithme (RFC 6781 §4.1.4) pour que la zone reste valide pendant la transition."),
		},
	})
	nsec3Params = check.Register(check.Definition{
		ID: IDNSEC3Params, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 9276 §3.1", "RFC 5155 §10.3"},
		Zonemaster: []string{"DNSSEC03", "DS03_ILLEGAL_ITERATION_VALUE", "DS03_ILLEGAL_SALT_LENGTH"},
		Details: map[string]check.Detail{
			"iterations": {
				Text: check.Langs("{iterations} iterations (want 0)", "{iterations} iteraciones (se recomienda 0)",
					"{iterations} iterações (recomendado 0)", "{iterations} itérations (0 recommandé)"),
				Example: check.Args{"iterations": "10"},
			},
			"salt": {
				Text: check.Langs("a {salt_length}-byte salt (want none)", "una sal de {salt_length} bytes (se recomienda ninguna)",
					"um sal de {salt_length} bytes (recomendado nenhum)", "un sel de {salt_length} octets (aucun recommandé)"),
				Example: check.Args{"salt_length": "8"},
			},
			"both": {
				Text: check.Langs("{iterations} iterations (want 0) and a {salt_length}-byte salt (want none)",
					"{iterations} iteraciones (se recomienda 0) y una sal de {salt_length} bytes (se recomienda ninguna)",
					"{iterations} iterações (recomendado 0) e um sal de {salt_length} bytes (recomendado nenhum)",
					"{iterations} itérations (0 recommandé) et un sel de {salt_length} octets (aucun recommandé)"),
				Example: check.Args{"iterations": "10", "salt_length": "8"},
			},
		},
		Text: map[string]check.Text{
			"en": txt("NSEC3 parameters not as recommended",
				"{subject} uses NSEC3 parameters that RFC 9276 advises against: {detail}.",
				"Set NSEC3 iterations to 0 and use no salt (NSEC3PARAM 1 0 0 -); extra iterations cost resolvers CPU and some resolvers treat such zones as insecure."),
			"es": txt("Parámetros NSEC3 no recomendados",
				"{subject} usa parámetros NSEC3 que el RFC 9276 desaconseja: {detail}.",
				"Configure 0 iteraciones NSEC3 y ningún salt (NSEC3PARAM 1 0 0 -); las iteraciones adicionales consumen CPU de los resolutores y algunos tratan esas zonas como inseguras."),
			"pt": txt("Parâmetros NSEC3 não recomendados",
				"{subject} usa parâmetros NSEC3 que o RFC 9276 desaconselha: {detail}.",
				"Configure 0 iterações NSEC3 e nenhum salt (NSEC3PARAM 1 0 0 -); iterações extras consomem CPU dos resolvedores e alguns tratam essas zonas como inseguras."),
			"fr": txt("Paramètres NSEC3 non recommandés",
				"{subject} utilise des paramètres NSEC3 déconseillés par le RFC 9276 : {detail}.",
				"Réglez les itérations NSEC3 à 0 et n'utilisez pas de sel (NSEC3PARAM 1 0 0 -) ; les itérations supplémentaires coûtent du CPU aux résolveurs et certains traitent ces zones comme non sécurisées."),
		},
	})
	cdsMismatch = check.Register(check.Definition{
		ID: IDCDSMismatch, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 7344 §4", "RFC 8078 §4"},
		Zonemaster: []string{"DNSSEC15", "DNSSEC16", "DNSSEC17", "DS15_MISMATCH_CDS_CDNSKEY", "DS16_CDS_MATCHES_NO_DNSKEY", "DS17_CDNSKEY_MATCHES_NO_DNSKEY"},
		Details: map[string]check.Detail{
			"cds_no_key": {
				Text: check.Langs("the CDS matches no DNSKEY of {zone}", "el CDS no corresponde a ninguna DNSKEY de {zone}",
					"o CDS não corresponde a nenhuma DNSKEY de {zone}", "le CDS ne correspond à aucune DNSKEY de {zone}"),
				Example: check.Args{"zone": "example.org."},
			},
			"cdnskey_no_key": {
				Text: check.Langs("the CDNSKEY matches no DNSKEY of {zone}", "el CDNSKEY no corresponde a ninguna DNSKEY de {zone}",
					"o CDNSKEY não corresponde a nenhuma DNSKEY de {zone}", "le CDNSKEY ne correspond à aucune DNSKEY de {zone}"),
				Example: check.Args{"zone": "example.org."},
			},
			"disagree": {
				Text: check.Langs("the CDS and CDNSKEY RRsets describe different keys", "los conjuntos CDS y CDNSKEY describen claves distintas",
					"os conjuntos CDS e CDNSKEY descrevem chaves diferentes", "les ensembles CDS et CDNSKEY décrivent des clés différentes"),
				Example: check.Args{},
			},
		},
		Text: map[string]check.Text{
			"en": txt("CDS/CDNSKEY inconsistent",
				"{subject} is inconsistent: {detail}.",
				"Publish CDS and CDNSKEY records generated from the zone's current or next KSK, keep both sets describing the same keys, or remove them; a parent that scans them may otherwise install a broken DS."),
			"es": txt("CDS/CDNSKEY inconsistentes",
				"{subject} es inconsistente: {detail}.",
				"Publique registros CDS y CDNSKEY generados a partir de la KSK actual o próxima de la zona, mantenga ambos conjuntos describiendo las mismas claves, o elimínelos; de lo contrario, una zona padre que los lea podría instalar un DS erróneo."),
			"pt": txt("CDS/CDNSKEY inconsistentes",
				"{subject} é inconsistente: {detail}.",
				"Publique registros CDS e CDNSKEY gerados a partir da KSK atual ou da próxima KSK da zona, mantenha os dois conjuntos descrevendo as mesmas chaves, ou remova-os; caso contrário, uma zona pai que os leia pode instalar um DS errado."),
			"fr": txt("CDS/CDNSKEY incohérents",
				"{subject} est incohérent : {detail}.",
				"Publiez des CDS et CDNSKEY générés à partir de la KSK actuelle ou suivante de la zone, gardez les deux ensembles cohérents, ou retirez-les ; sinon une zone parente qui les lit pourrait installer un DS erroné."),
		},
	})
	unsigned = check.Register(check.Definition{
		ID: IDUnsigned, Category: check.DNSSEC, Severity: check.Notice,
		References: []string{"RFC 9364", "RFC 4033 §5"},
		Zonemaster: []string{"DNSSEC07", "DS07_NOT_SIGNED"},
		Details: map[string]check.Detail{
			"unsigned": {
				Text: check.Langs("no DS at the parent and no DNSKEY in the zone", "sin DS en la zona padre ni DNSKEY en la zona",
					"sem DS na zona pai nem DNSKEY na zona", "ni DS chez la zone parente ni DNSKEY dans la zone"),
				Example: check.Args{},
			},
			"ds_without_keys": {
				Text: check.Langs("the parent publishes a DS but the zone has no DNSKEY", "la zona padre publica un DS pero la zona no tiene DNSKEY",
					"a zona pai publica um DS, mas a zona não tem DNSKEY", "la zone parente publie un DS mais la zone n'a pas de DNSKEY"),
				Example: check.Args{},
			},
		},
		Text: map[string]check.Text{
			"en": txt("Zone not signed",
				"{subject} is not signed with DNSSEC: {detail}.",
				"Sign the zone (most DNS servers and providers can sign automatically) and publish its DS record at the registrar."),
			"es": txt("Zona sin firmar",
				"{subject} no está firmada con DNSSEC: {detail}.",
				"Firme la zona (la mayoría de los servidores y proveedores DNS pueden firmar automáticamente) y publique su registro DS en el registrador."),
			"pt": txt("Zona não assinada",
				"{subject} não está assinada com DNSSEC: {detail}.",
				"Assine a zona (a maioria dos servidores e provedores DNS pode assinar automaticamente) e publique seu registro DS no registrador."),
			"fr": txt("Zone non signée",
				"{subject} n'est pas signée avec DNSSEC : {detail}.",
				"Signez la zone (la plupart des serveurs et fournisseurs DNS savent signer automatiquement) et publiez son enregistrement DS auprès du bureau d'enregistrement."),
		},
	})
)

// Definitions is the catalog of this area.
var Definitions = []check.Definition{
	bogus.Definition(),
	dsNoMatch.Definition(),
	rrsigExpired.Definition(),
	rrsigNotYet.Definition(),
	rrsigExpiring.Definition(),
	rrsigMissing.Definition(),
	algDeprecated.Definition(),
	nsec3Params.Definition(),
	cdsMismatch.Definition(),
	unsigned.Definition(),
}
