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

	IDDSDigestDeprecated = "DNSSEC_DS_DIGEST_DEPRECATED"
	IDDSDigestUnknown    = "DNSSEC_DS_DIGEST_UNKNOWN"
	IDRRSIGLifetime      = "DNSSEC_RRSIG_LIFETIME"
	IDAlgUnknown         = "DNSSEC_ALGORITHM_UNKNOWN"
	IDDNSKEYNotSigned    = "DNSSEC_DNSKEY_NOT_SIGNED"
	IDAlgIncomplete      = "DNSSEC_ALGORITHM_INCOMPLETE"
	IDRSAKeySize         = "DNSSEC_RSA_KEY_SIZE"
	IDCDSInconsistent    = "DNSSEC_CDS_INCONSISTENT"
	IDCDSInvalid         = "DNSSEC_CDS_INVALID"
	IDCDSNotTrusted      = "DNSSEC_CDS_NOT_TRUSTED"
	IDDenialMissing      = "DNSSEC_DENIAL_MISSING"
	IDDenialInconsistent = "DNSSEC_DENIAL_INCONSISTENT"
	// IDNSNoSignatures is about one server of a signed zone; it is in this
	// area (category dnssec) because it needs the zone's DNSSEC state.
	IDNSNoSignatures = "NS_DNSSEC_NO_SIGNATURES"
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
		Zonemaster: []string{"DNSSEC15", "DS15_MISMATCH_CDS_CDNSKEY"},
		Details: map[string]check.Detail{
			"disagree": {
				Text: check.Langs("the CDS and CDNSKEY RRsets describe different keys", "los conjuntos CDS y CDNSKEY describen claves distintas",
					"os conjuntos CDS e CDNSKEY descrevem chaves diferentes", "les ensembles CDS et CDNSKEY décrivent des clés différentes"),
				Example: check.Args{},
			},
		},
		Text: map[string]check.Text{
			"en": txt("CDS and CDNSKEY disagree",
				"{subject} is inconsistent: {detail}.",
				"Publish CDS and CDNSKEY records generated from the zone's current or next KSK, keep both sets describing the same keys, or remove them; a parent that scans them may otherwise install a broken DS."),
			"es": txt("CDS y CDNSKEY no coinciden",
				"{subject} es inconsistente: {detail}.",
				"Publique registros CDS y CDNSKEY generados a partir de la KSK actual o próxima de la zona, mantenga ambos conjuntos describiendo las mismas claves, o elimínelos; de lo contrario, una zona padre que los lea podría instalar un DS erróneo."),
			"pt": txt("CDS e CDNSKEY não coincidem",
				"{subject} é inconsistente: {detail}.",
				"Publique registros CDS e CDNSKEY gerados a partir da KSK atual ou da próxima KSK da zona, mantenha os dois conjuntos descrevendo as mesmas chaves, ou remova-os; caso contrário, uma zona pai que os leia pode instalar um DS errado."),
			"fr": txt("CDS et CDNSKEY en désaccord",
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
	dsDigestDeprecated = check.Register(check.Definition{
		ID: IDDSDigestDeprecated, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 9904", "RFC 8624 §3.3", "RFC 4509 §3"},
		Zonemaster: []string{"DNSSEC01", "DS01_DS_ALGO_DEPRECATED"},
		Details: map[string]check.Detail{"digest": {
			Text: check.Langs("digest type {digest} ({number}): {requirement} for DS publication ({reference})",
				"tipo de resumen {digest} ({number}): {requirement} para publicar DS ({reference})",
				"tipo de resumo {digest} ({number}): {requirement} para publicar DS ({reference})",
				"type de condensé {digest} ({number}) : {requirement} pour publier un DS ({reference})"),
			Example: check.Args{"digest": "SHA-1", "number": "1", "requirement": "MUST NOT", "reference": "RFC 9904"},
		}},
		Text: map[string]check.Text{
			"en": txt("Deprecated DS digest type",
				"The parent publishes {subject} with a digest type that must not be used any more: {detail}.",
				"Replace this DS at the registrar with one using SHA-256 (digest type 2), computed from the same KSK (for example with dnssec-dsfromkey -2); remove the SHA-1 or GOST one once the new DS is published."),
			"es": txt("Tipo de resumen DS obsoleto",
				"La zona padre publica {subject} con un tipo de resumen que ya no debe usarse: {detail}.",
				"Reemplace este DS en el registrador por uno con SHA-256 (tipo de resumen 2), calculado a partir de la misma KSK (por ejemplo con dnssec-dsfromkey -2); retire el DS con SHA-1 o GOST una vez publicado el nuevo."),
			"pt": txt("Tipo de resumo DS obsoleto",
				"A zona pai publica {subject} com um tipo de resumo que não deve mais ser usado: {detail}.",
				"Substitua este DS no registrador por um com SHA-256 (tipo de resumo 2), calculado a partir da mesma KSK (por exemplo com dnssec-dsfromkey -2); retire o DS com SHA-1 ou GOST depois que o novo estiver publicado."),
			"fr": txt("Type de condensé DS obsolète",
				"La zone parente publie {subject} avec un type de condensé qui ne doit plus être utilisé : {detail}.",
				"Remplacez ce DS chez le bureau d'enregistrement par un DS en SHA-256 (type de condensé 2), calculé à partir de la même KSK (par exemple avec dnssec-dsfromkey -2) ; retirez le DS en SHA-1 ou GOST une fois le nouveau publié."),
		},
	})
	dsDigestUnknown = check.Register(check.Definition{
		ID: IDDSDigestUnknown, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 4034 §5.1.3", "RFC 9904"},
		Zonemaster: []string{"DNSSEC01", "DS01_DS_ALGO_RESERVED", "DS01_DS_ALGO_UNASSIGNED", "DS01_DS_ALGO_PRIVATE"},
		Details: map[string]check.Detail{
			"reserved": {
				Text: check.Langs("digest type {number} is reserved", "el tipo de resumen {number} está reservado",
					"o tipo de resumo {number} está reservado", "le type de condensé {number} est réservé"),
				Example: check.Args{"number": "0"},
			},
			"unassigned": {
				Text: check.Langs("digest type {number} is not assigned", "el tipo de resumen {number} no está asignado",
					"o tipo de resumo {number} não está atribuído", "le type de condensé {number} n'est pas attribué"),
				Example: check.Args{"number": "100"},
			},
			"private": {
				Text: check.Langs("digest type {number} is for private use", "el tipo de resumen {number} es de uso privado",
					"o tipo de resumo {number} é de uso privado", "le type de condensé {number} est à usage privé"),
				Example: check.Args{"number": "253"},
			},
		},
		Text: map[string]check.Text{
			"en": txt("Unknown DS digest type",
				"The parent publishes {subject}, whose digest type no validator knows: {detail}.",
				"Remove this DS at the registrar and publish one with SHA-256 (digest type 2) computed from the zone's KSK; resolvers ignore a DS with an unknown digest type, which is often a registrar or typing error."),
			"es": txt("Tipo de resumen DS desconocido",
				"La zona padre publica {subject}, cuyo tipo de resumen ningún resolutor conoce: {detail}.",
				"Elimine este DS en el registrador y publique uno con SHA-256 (tipo de resumen 2) calculado a partir de la KSK de la zona; los resolutores ignoran un DS con un tipo de resumen desconocido, que suele deberse a un error del registrador o de tipeo."),
			"pt": txt("Tipo de resumo DS desconhecido",
				"A zona pai publica {subject}, cujo tipo de resumo nenhum resolvedor conhece: {detail}.",
				"Remova este DS no registrador e publique um com SHA-256 (tipo de resumo 2) calculado a partir da KSK da zona; os resolvedores ignoram um DS com tipo de resumo desconhecido, que costuma ser um erro do registrador ou de digitação."),
			"fr": txt("Type de condensé DS inconnu",
				"La zone parente publie {subject}, dont aucun résolveur ne connaît le type de condensé : {detail}.",
				"Retirez ce DS chez le bureau d'enregistrement et publiez-en un en SHA-256 (type de condensé 2) calculé à partir de la KSK de la zone ; les résolveurs ignorent un DS au type de condensé inconnu, souvent dû à une erreur du bureau d'enregistrement ou de saisie."),
		},
	})
	rrsigLifetime = check.Register(check.Definition{
		ID: IDRRSIGLifetime, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 6781 §4.4.2", "RFC 4034 §3.1.5"},
		Zonemaster: []string{"DNSSEC04", "REMAINING_LONG", "DURATION_LONG"},
		Details: map[string]check.Detail{
			"short": {
				Text: check.Langs("RRSIG by {signer} key {keytag} ({algorithm}) is valid for {hours} hours only, from {inception} to {expiration} (12 hours at least)",
					"RRSIG de {signer} con la clave {keytag} ({algorithm}) válida solo {hours} horas, del {inception} al {expiration} (al menos 12 horas)",
					"RRSIG de {signer} com a chave {keytag} ({algorithm}) válida por apenas {hours} horas, de {inception} a {expiration} (pelo menos 12 horas)",
					"RRSIG de {signer} par la clé {keytag} ({algorithm}) valide {hours} heures seulement, du {inception} au {expiration} (12 heures au moins)"),
				Example: check.Args{"signer": "example.org.", "keytag": "12345", "algorithm": "ECDSAP256SHA256", "hours": "7", "inception": "2026-11-30T00:00:00Z", "expiration": "2026-11-30T07:00:00Z"},
			},
			"long": {
				Text: check.Langs("RRSIG by {signer} key {keytag} ({algorithm}) is valid for {days} days, from {inception} to {expiration} (180 days at most)",
					"RRSIG de {signer} con la clave {keytag} ({algorithm}) válida {days} días, del {inception} al {expiration} (180 días como máximo)",
					"RRSIG de {signer} com a chave {keytag} ({algorithm}) válida por {days} dias, de {inception} a {expiration} (no máximo 180 dias)",
					"RRSIG de {signer} par la clé {keytag} ({algorithm}) valide {days} jours, du {inception} au {expiration} (180 jours au plus)"),
				Example: check.Args{"signer": "example.org.", "keytag": "12345", "algorithm": "ECDSAP256SHA256", "days": "400", "inception": "2026-01-01T00:00:00Z", "expiration": "2027-02-05T00:00:00Z"},
			},
		},
		Text: map[string]check.Text{
			"en": txt("Signature validity period too short or too long",
				"The RRSIG over {subject} has a validity period outside 12 hours to 180 days: {detail}.",
				"Set the signer's signature validity (BIND sig-validity-interval, Knot rrsig-lifetime, OpenDNSSEC <Validity>) between a few days and a few weeks: too short leaves no time to repair a signer outage before the zone stops validating, too long lets an attacker replay old signed data."),
			"es": txt("Período de validez de firma demasiado corto o largo",
				"La firma RRSIG sobre {subject} tiene un período de validez fuera del rango de 12 horas a 180 días: {detail}.",
				"Configure la validez de las firmas en el firmador (sig-validity-interval en BIND, rrsig-lifetime en Knot, <Validity> en OpenDNSSEC) entre unos días y unas semanas: demasiado corta no deja tiempo para reparar una falla del firmador antes de que la zona deje de validar; demasiado larga permite reproducir datos firmados antiguos."),
			"pt": txt("Período de validade da assinatura curto ou longo demais",
				"A RRSIG sobre {subject} tem um período de validade fora da faixa de 12 horas a 180 dias: {detail}.",
				"Configure a validade das assinaturas no assinador (sig-validity-interval no BIND, rrsig-lifetime no Knot, <Validity> no OpenDNSSEC) entre alguns dias e algumas semanas: curta demais não deixa tempo para corrigir uma falha do assinador antes que a zona deixe de validar; longa demais permite reproduzir dados assinados antigos."),
			"fr": txt("Durée de validité de signature trop courte ou trop longue",
				"La RRSIG sur {subject} a une durée de validité hors de l'intervalle de 12 heures à 180 jours : {detail}.",
				"Réglez la validité des signatures du signataire (sig-validity-interval dans BIND, rrsig-lifetime dans Knot, <Validity> dans OpenDNSSEC) entre quelques jours et quelques semaines : trop courte, elle ne laisse pas le temps de réparer une panne du signataire avant que la zone cesse de valider ; trop longue, elle permet de rejouer d'anciennes données signées."),
		},
	})
	algUnknown = check.Register(check.Definition{
		ID: IDAlgUnknown, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 4034 §A.1", "RFC 9904", "RFC 8624 §3.1"},
		Zonemaster: []string{"DNSSEC05", "DS05_ALGO_RESERVED", "DS05_ALGO_UNASSIGNED", "DS05_ALGO_PRIVATE"},
		Details: map[string]check.Detail{
			"reserved": {
				Text: check.Langs("algorithm {number} is reserved", "el algoritmo {number} está reservado",
					"o algoritmo {number} está reservado", "l'algorithme {number} est réservé"),
				Example: check.Args{"number": "200"},
			},
			"unassigned": {
				Text: check.Langs("algorithm {number} is not assigned", "el algoritmo {number} no está asignado",
					"o algoritmo {number} não está atribuído", "l'algorithme {number} n'est pas attribué"),
				Example: check.Args{"number": "42"},
			},
			"private": {
				Text: check.Langs("algorithm {number} is a private algorithm", "el algoritmo {number} es un algoritmo privado",
					"o algoritmo {number} é um algoritmo privado", "l'algorithme {number} est un algorithme privé"),
				Example: check.Args{"number": "253"},
			},
		},
		Text: map[string]check.Text{
			"en": txt("Unknown DNSSEC algorithm",
				"{subject} uses an algorithm that validating resolvers do not know: {detail}.",
				"Sign the zone with ECDSAP256SHA256 (13) or ED25519 (15) and publish DS records for those keys only; resolvers treat records of reserved, unassigned or private algorithms as absent, so they protect nothing (or leave the zone insecure)."),
			"es": txt("Algoritmo DNSSEC desconocido",
				"{subject} usa un algoritmo que los resolutores con validación no conocen: {detail}.",
				"Firme la zona con ECDSAP256SHA256 (13) o ED25519 (15) y publique registros DS solo para esas claves; los resolutores tratan los registros de algoritmos reservados, no asignados o privados como ausentes, así que no protegen nada (o dejan la zona insegura)."),
			"pt": txt("Algoritmo DNSSEC desconhecido",
				"{subject} usa um algoritmo que os resolvedores com validação não conhecem: {detail}.",
				"Assine a zona com ECDSAP256SHA256 (13) ou ED25519 (15) e publique registros DS somente para essas chaves; os resolvedores tratam registros de algoritmos reservados, não atribuídos ou privados como ausentes, então eles não protegem nada (ou deixam a zona insegura)."),
			"fr": txt("Algorithme DNSSEC inconnu",
				"{subject} utilise un algorithme que les résolveurs validants ne connaissent pas : {detail}.",
				"Signez la zone en ECDSAP256SHA256 (13) ou ED25519 (15) et publiez des DS pour ces clés seulement ; les résolveurs traitent les enregistrements d'algorithmes réservés, non attribués ou privés comme absents : ils ne protègent rien (ou laissent la zone non sécurisée)."),
		},
	})
	dnskeyNotSigned = check.Register(check.Definition{
		ID: IDDNSKEYNotSigned, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 4035 §2.1", "RFC 4035 §5.2", "RFC 6781 §3.1"},
		Zonemaster: []string{"DNSSEC08"},
		Details: map[string]check.Detail{
			"not_self_signed": {
				Text: check.Langs("no RRSIG over it verifies with a key of the set (RRSIG by key {keytags})",
					"ninguna RRSIG sobre él se verifica con una clave del conjunto (RRSIG de la clave {keytags})",
					"nenhuma RRSIG sobre ele é verificada com uma chave do conjunto (RRSIG da chave {keytags})",
					"aucune RRSIG sur lui ne se vérifie avec une clé de l'ensemble (RRSIG de la clé {keytags})"),
				Example: check.Args{"keytags": "12345"},
			},
			"not_by_ds_key": {
				Text: check.Langs("it is signed only by key {keytags}, and the DS at the parent points to key {ds_keytags}",
					"solo lo firma la clave {keytags}, y el DS de la zona padre apunta a la clave {ds_keytags}",
					"só é assinado pela chave {keytags}, e o DS da zona pai aponta para a chave {ds_keytags}",
					"il n'est signé que par la clé {keytags}, et le DS de la zone parente désigne la clé {ds_keytags}"),
				Example: check.Args{"keytags": "23456", "ds_keytags": "12345"},
			},
		},
		Text: map[string]check.Text{
			"en": txt("DNSKEY RRset not signed by the right key",
				"The DNSKEY RRset of {subject} cannot be validated: {detail}.",
				"Sign the DNSKEY RRset with the KSK whose DS the parent publishes (check the key roles in the signer: the KSK must sign the DNSKEY RRset), or publish at the registrar the DS of the key that does sign it."),
			"es": txt("Conjunto DNSKEY no firmado por la clave correcta",
				"El conjunto DNSKEY de {subject} no puede validarse: {detail}.",
				"Firme el conjunto DNSKEY con la KSK cuyo DS publica la zona padre (revise los roles de las claves en el firmador: la KSK debe firmar el conjunto DNSKEY), o publique en el registrador el DS de la clave que sí lo firma."),
			"pt": txt("Conjunto DNSKEY não assinado pela chave correta",
				"O conjunto DNSKEY de {subject} não pode ser validado: {detail}.",
				"Assine o conjunto DNSKEY com a KSK cujo DS a zona pai publica (verifique os papéis das chaves no assinador: a KSK deve assinar o conjunto DNSKEY), ou publique no registrador o DS da chave que de fato o assina."),
			"fr": txt("Ensemble DNSKEY non signé par la bonne clé",
				"L'ensemble DNSKEY de {subject} ne peut pas être validé : {detail}.",
				"Signez l'ensemble DNSKEY avec la KSK dont la zone parente publie le DS (vérifiez les rôles des clés dans le signataire : la KSK doit signer l'ensemble DNSKEY), ou publiez chez le bureau d'enregistrement le DS de la clé qui le signe."),
		},
	})
	algIncomplete = check.Register(check.Definition{
		ID: IDAlgIncomplete, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 4035 §2.2", "RFC 6840 §5.11", "RFC 6781 §4.1.4"},
		Zonemaster: []string{"DNSSEC12", "DNSSEC13"},
		Details: map[string]check.Detail{"rrsets": {
			Text: check.Langs("no RRSIG of algorithm {algorithm} ({number}) over {rrsets}",
				"ninguna RRSIG del algoritmo {algorithm} ({number}) sobre {rrsets}",
				"nenhuma RRSIG do algoritmo {algorithm} ({number}) sobre {rrsets}",
				"aucune RRSIG de l'algorithme {algorithm} ({number}) sur {rrsets}"),
			Example: check.Args{"algorithm": "ED25519", "number": "15", "rrsets": "example.org./SOA, example.org./NS"},
		}},
		Text: map[string]check.Text{
			"en": txt("Algorithm does not sign every RRset",
				"{subject} publishes keys of an algorithm that does not sign all its RRsets: {detail}.",
				"Sign every RRset with every algorithm present in the DNSKEY RRset (RFC 4035 §2.2), or remove the keys of the algorithm that is not used; during an algorithm rollover, add the new algorithm's signatures before its DNSKEY and DS (RFC 6781 §4.1.4)."),
			"es": txt("Algoritmo que no firma todos los conjuntos",
				"{subject} publica claves de un algoritmo que no firma todos sus conjuntos de registros: {detail}.",
				"Firme cada conjunto de registros con cada algoritmo presente en el conjunto DNSKEY (RFC 4035 §2.2), o retire las claves del algoritmo que no se usa; en un cambio de algoritmo, agregue las firmas del algoritmo nuevo antes que su DNSKEY y su DS (RFC 6781 §4.1.4)."),
			"pt": txt("Algoritmo que não assina todos os conjuntos",
				"{subject} publica chaves de um algoritmo que não assina todos os seus conjuntos de registros: {detail}.",
				"Assine cada conjunto de registros com cada algoritmo presente no conjunto DNSKEY (RFC 4035 §2.2), ou remova as chaves do algoritmo que não é usado; numa troca de algoritmo, adicione as assinaturas do novo algoritmo antes da sua DNSKEY e do seu DS (RFC 6781 §4.1.4)."),
			"fr": txt("Algorithme qui ne signe pas tous les ensembles",
				"{subject} publie des clés d'un algorithme qui ne signe pas tous ses ensembles d'enregistrements : {detail}.",
				"Signez chaque ensemble d'enregistrements avec chaque algorithme présent dans l'ensemble DNSKEY (RFC 4035 §2.2), ou retirez les clés de l'algorithme inutilisé ; lors d'un changement d'algorithme, ajoutez les signatures du nouvel algorithme avant sa DNSKEY et son DS (RFC 6781 §4.1.4)."),
		},
	})
	rsaKeySize = check.Register(check.Definition{
		ID: IDRSAKeySize, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 6781 §3.4.2", "RFC 8624 §3.1", "NIST SP 800-57 Part 1"},
		Zonemaster: []string{"DNSSEC14", "DNSKEY_SMALLER_THAN_REC"},
		Details: map[string]check.Detail{"bits": {
			Text: check.Langs("{bits}-bit RSA key (2048 bits at least)", "clave RSA de {bits} bits (al menos 2048 bits)",
				"chave RSA de {bits} bits (pelo menos 2048 bits)", "clé RSA de {bits} bits (2048 bits au moins)"),
			Example: check.Args{"bits": "1024"},
		}},
		Text: map[string]check.Text{
			"en": txt("RSA key too short",
				"{subject} is too short: {detail}.",
				"Replace the key with an RSA key of 2048 bits or more or, better, roll the zone to ECDSAP256SHA256 (13) or ED25519 (15), whose keys and signatures are smaller and stronger."),
			"es": txt("Clave RSA demasiado corta",
				"{subject} es demasiado corta: {detail}.",
				"Reemplace la clave por una clave RSA de 2048 bits o más o, mejor, migre la zona a ECDSAP256SHA256 (13) o ED25519 (15), cuyas claves y firmas son más pequeñas y robustas."),
			"pt": txt("Chave RSA curta demais",
				"{subject} é curta demais: {detail}.",
				"Substitua a chave por uma chave RSA de 2048 bits ou mais ou, melhor, migre a zona para ECDSAP256SHA256 (13) ou ED25519 (15), cujas chaves e assinaturas são menores e mais robustas."),
			"fr": txt("Clé RSA trop courte",
				"{subject} est trop courte : {detail}.",
				"Remplacez la clé par une clé RSA de 2048 bits ou plus ou, mieux, passez la zone à ECDSAP256SHA256 (13) ou ED25519 (15), dont les clés et signatures sont plus petites et plus robustes."),
		},
	})
	cdsInconsistent = check.Register(check.Definition{
		ID: IDCDSInconsistent, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 7344 §4", "RFC 8078 §4"},
		Zonemaster: []string{"DNSSEC15"},
		Details: map[string]check.Detail{
			"cds_only": {
				Text: check.Langs("a CDS RRset and no CDNSKEY RRset", "un conjunto CDS y ningún conjunto CDNSKEY",
					"um conjunto CDS e nenhum conjunto CDNSKEY", "un ensemble CDS et aucun ensemble CDNSKEY"),
				Example: check.Args{},
			},
			"cdnskey_only": {
				Text: check.Langs("a CDNSKEY RRset and no CDS RRset", "un conjunto CDNSKEY y ningún conjunto CDS",
					"um conjunto CDNSKEY e nenhum conjunto CDS", "un ensemble CDNSKEY et aucun ensemble CDS"),
				Example: check.Args{},
			},
		},
		Text: map[string]check.Text{
			"en": txt("CDS without CDNSKEY, or the reverse",
				"{subject} publishes {detail}.",
				"Publish both CDS and CDNSKEY records for the same keys (most signers can publish both), or neither; a parent that reads only one kind would otherwise see no request, and one that reads both sees a contradiction."),
			"es": txt("CDS sin CDNSKEY, o al revés",
				"{subject} publica {detail}.",
				"Publique registros CDS y CDNSKEY para las mismas claves (la mayoría de los firmadores puede publicar ambos), o ninguno; una zona padre que lea solo uno de los dos tipos no vería ninguna solicitud, y una que lea ambos vería una contradicción."),
			"pt": txt("CDS sem CDNSKEY, ou o contrário",
				"{subject} publica {detail}.",
				"Publique registros CDS e CDNSKEY para as mesmas chaves (a maioria dos assinadores pode publicar ambos), ou nenhum; uma zona pai que leia só um dos tipos não veria nenhuma solicitação, e uma que leia ambos veria uma contradição."),
			"fr": txt("CDS sans CDNSKEY, ou l'inverse",
				"{subject} publie {detail}.",
				"Publiez des CDS et des CDNSKEY pour les mêmes clés (la plupart des signataires savent publier les deux), ou aucun ; une zone parente qui ne lit qu'un des deux types ne verrait aucune demande, et une qui lit les deux verrait une contradiction."),
		},
	})
	cdsInvalid = check.Register(check.Definition{
		ID: IDCDSInvalid, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 7344 §4.1", "RFC 8078 §4"},
		Zonemaster: []string{"DNSSEC16", "DNSSEC17", "DS16_CDS_MATCHES_NO_DNSKEY", "DS17_CDNSKEY_MATCHES_NO_DNSKEY"},
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
			"cds_not_signed": {
				Text: check.Langs("the CDS RRset is not signed by key {keytag}, the key this CDS points to",
					"el conjunto CDS no está firmado por la clave {keytag}, la clave a la que apunta este CDS",
					"o conjunto CDS não é assinado pela chave {keytag}, a chave para a qual este CDS aponta",
					"l'ensemble CDS n'est pas signé par la clé {keytag}, celle que désigne ce CDS"),
				Example: check.Args{"keytag": "12345"},
			},
			"cdnskey_not_signed": {
				Text: check.Langs("the CDNSKEY RRset is not signed by key {keytag}, the key this CDNSKEY carries",
					"el conjunto CDNSKEY no está firmado por la clave {keytag}, la clave que lleva este CDNSKEY",
					"o conjunto CDNSKEY não é assinado pela chave {keytag}, a chave que este CDNSKEY contém",
					"l'ensemble CDNSKEY n'est pas signé par la clé {keytag}, celle que porte ce CDNSKEY"),
				Example: check.Args{"keytag": "12345"},
			},
		},
		Text: map[string]check.Text{
			"en": txt("CDS/CDNSKEY record invalid",
				"{subject} cannot be used by the parent: {detail}.",
				"Publish CDS and CDNSKEY records generated from a key of the zone's DNSKEY RRset that also signs them (the KSK: dnssec-cds, knotc or the signer's own CDS publication), or remove them; a parent that scans them may otherwise install a DS for a key the zone does not use."),
			"es": txt("Registro CDS/CDNSKEY inválido",
				"{subject} no puede ser usado por la zona padre: {detail}.",
				"Publique registros CDS y CDNSKEY generados a partir de una clave del conjunto DNSKEY de la zona que además los firme (la KSK: dnssec-cds, knotc o la publicación de CDS del propio firmador), o elimínelos; de lo contrario, una zona padre que los lea podría instalar un DS para una clave que la zona no usa."),
			"pt": txt("Registro CDS/CDNSKEY inválido",
				"{subject} não pode ser usado pela zona pai: {detail}.",
				"Publique registros CDS e CDNSKEY gerados a partir de uma chave do conjunto DNSKEY da zona que também os assine (a KSK: dnssec-cds, knotc ou a publicação de CDS do próprio assinador), ou remova-os; caso contrário, uma zona pai que os leia pode instalar um DS para uma chave que a zona não usa."),
			"fr": txt("Enregistrement CDS/CDNSKEY invalide",
				"{subject} est inutilisable par la zone parente : {detail}.",
				"Publiez des CDS et CDNSKEY générés à partir d'une clé de l'ensemble DNSKEY de la zone qui les signe aussi (la KSK : dnssec-cds, knotc ou la publication CDS du signataire lui-même), ou retirez-les ; sinon une zone parente qui les lit pourrait installer un DS pour une clé que la zone n'utilise pas."),
		},
	})
	cdsNotTrusted = check.Register(check.Definition{
		ID: IDCDSNotTrusted, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 7344 §4.1", "RFC 8078 §3"},
		Zonemaster: []string{"DNSSEC18"},
		Details: map[string]check.Detail{"untrusted": {
			Text: check.Langs("signed by key {keytags}; the DS at the parent points to key {ds_keytags}",
				"firmado por la clave {keytags}; el DS de la zona padre apunta a la clave {ds_keytags}",
				"assinado pela chave {keytags}; o DS da zona pai aponta para a chave {ds_keytags}",
				"signé par la clé {keytags} ; le DS de la zone parente désigne la clé {ds_keytags}"),
			Example: check.Args{"keytags": "23456", "ds_keytags": "12345"},
		}},
		Text: map[string]check.Text{
			"en": txt("CDS/CDNSKEY not signed by a trusted key",
				"{subject} is not signed by a key the current DS trusts, so the parent cannot accept it: {detail}.",
				"Sign the CDS and CDNSKEY RRsets with the KSK the current DS points to (RFC 7344 §4.1) until the parent has installed the new DS; a rollover that signs them only with the new key never reaches the parent."),
			"es": txt("CDS/CDNSKEY no firmado por una clave de confianza",
				"{subject} no está firmado por una clave en la que confíe el DS actual, así que la zona padre no puede aceptarlo: {detail}.",
				"Firme los conjuntos CDS y CDNSKEY con la KSK a la que apunta el DS actual (RFC 7344 §4.1) hasta que la zona padre instale el nuevo DS; un cambio de clave que los firme solo con la clave nueva nunca llega a la zona padre."),
			"pt": txt("CDS/CDNSKEY não assinado por uma chave confiável",
				"{subject} não é assinado por uma chave em que o DS atual confie, então a zona pai não pode aceitá-lo: {detail}.",
				"Assine os conjuntos CDS e CDNSKEY com a KSK para a qual o DS atual aponta (RFC 7344 §4.1) até que a zona pai instale o novo DS; uma troca de chave que os assine só com a nova chave nunca chega à zona pai."),
			"fr": txt("CDS/CDNSKEY non signé par une clé de confiance",
				"{subject} n'est pas signé par une clé à laquelle le DS actuel fait confiance, la zone parente ne peut donc pas l'accepter : {detail}.",
				"Signez les ensembles CDS et CDNSKEY avec la KSK que désigne le DS actuel (RFC 7344 §4.1) jusqu'à ce que la zone parente installe le nouveau DS ; un changement de clé qui ne les signe qu'avec la nouvelle clé n'atteint jamais la zone parente."),
		},
	})
	denialMissing = check.Register(check.Definition{
		ID: IDDenialMissing, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 4035 §3.1.3", "RFC 5155 §7.2", "RFC 4035 §5.4"},
		Zonemaster: []string{"DNSSEC10", "DS10_MISSING_NSEC_NSEC3"},
		Details: map[string]check.Detail{
			"none": {
				Text: check.Langs("the answer for {qname} carries no NSEC or NSEC3 record",
					"la respuesta para {qname} no trae ningún registro NSEC ni NSEC3",
					"a resposta para {qname} não traz nenhum registro NSEC nem NSEC3",
					"la réponse pour {qname} ne contient aucun enregistrement NSEC ni NSEC3"),
				Example: check.Args{"qname": "dnsobs-0123456789.example.org."},
			},
			"invalid": {
				// The validator's reason is its own English text: it stays whole in
				// the arguments and in English.
				Text: check.Langs("{validator_reason}",
					"los registros NSEC o NSEC3 de la respuesta para {qname} no lo prueban",
					"os registros NSEC ou NSEC3 da resposta para {qname} não o provam",
					"les enregistrements NSEC ou NSEC3 de la réponse pour {qname} ne le prouvent pas"),
				Example: check.Args{"qname": "dnsobs-0123456789.example.org.", "validator_reason": "no NSEC record covers dnsobs-0123456789.example.org."},
			},
		},
		Text: map[string]check.Text{
			"en": txt("No valid proof of nonexistence",
				"{subject} gives no valid NSEC or NSEC3 proof for a name that does not exist: {detail}.",
				"Re-sign the zone so that it has a complete NSEC or NSEC3 chain, and check that every server serves it with its RRSIGs; validating resolvers answer SERVFAIL for names they cannot prove absent."),
			"es": txt("Sin prueba válida de inexistencia",
				"{subject} no da una prueba NSEC o NSEC3 válida para un nombre que no existe: {detail}.",
				"Vuelva a firmar la zona para que tenga una cadena NSEC o NSEC3 completa, y compruebe que cada servidor la sirva con sus RRSIG; los resolutores con validación responden SERVFAIL para los nombres cuya inexistencia no pueden probar."),
			"pt": txt("Sem prova válida de inexistência",
				"{subject} não dá uma prova NSEC ou NSEC3 válida para um nome que não existe: {detail}.",
				"Assine a zona novamente para que tenha uma cadeia NSEC ou NSEC3 completa, e verifique se cada servidor a serve com suas RRSIG; resolvedores com validação respondem SERVFAIL para nomes cuja inexistência não conseguem provar."),
			"fr": txt("Aucune preuve valide de non-existence",
				"{subject} ne donne aucune preuve NSEC ou NSEC3 valide pour un nom qui n'existe pas : {detail}.",
				"Signez à nouveau la zone pour qu'elle ait une chaîne NSEC ou NSEC3 complète, et vérifiez que chaque serveur la sert avec ses RRSIG ; les résolveurs validants répondent SERVFAIL pour les noms dont ils ne peuvent pas prouver l'absence."),
		},
	})
	denialInconsistent = check.Register(check.Definition{
		ID: IDDenialInconsistent, Category: check.DNSSEC, Severity: check.Warning,
		References: []string{"RFC 5155 §4", "RFC 5155 §7.3", "RFC 4035 §2.3"},
		Zonemaster: []string{"DNSSEC10", "DNSSEC03"},
		Details: map[string]check.Detail{
			"nsec_with_nsec3param": {
				Text: check.Langs("the apex publishes NSEC3PARAM but {qname} is denied with NSEC",
					"el ápice publica NSEC3PARAM pero {qname} se niega con NSEC",
					"o ápice publica NSEC3PARAM, mas {qname} é negado com NSEC",
					"l'apex publie un NSEC3PARAM mais {qname} est nié avec NSEC"),
				Example: check.Args{"qname": "dnsobs-0123456789.example.org."},
			},
			"params": {
				Text: check.Langs("NSEC3PARAM says {param_iterations} iterations and salt {param_salt}, the NSEC3 records {iterations} iterations and salt {salt}",
					"NSEC3PARAM indica {param_iterations} iteraciones y sal {param_salt}; los registros NSEC3, {iterations} iteraciones y sal {salt}",
					"NSEC3PARAM indica {param_iterations} iterações e sal {param_salt}; os registros NSEC3, {iterations} iterações e sal {salt}",
					"NSEC3PARAM indique {param_iterations} itérations et le sel {param_salt} ; les enregistrements NSEC3, {iterations} itérations et le sel {salt}"),
				Example: check.Args{"param_iterations": "1", "param_salt": "-", "iterations": "0", "salt": "-"},
			},
			"mixed": {
				Text: check.Langs("the answer for {qname} mixes NSEC and NSEC3 records",
					"la respuesta para {qname} mezcla registros NSEC y NSEC3",
					"a resposta para {qname} mistura registros NSEC e NSEC3",
					"la réponse pour {qname} mélange des enregistrements NSEC et NSEC3"),
				Example: check.Args{"qname": "dnsobs-0123456789.example.org."},
			},
		},
		Text: map[string]check.Text{
			"en": txt("Inconsistent denial of existence",
				"{subject} is inconsistent in how it proves that names do not exist: {detail}.",
				"Choose NSEC or NSEC3 and configure the signer for that one alone: remove a stale NSEC3PARAM or NSEC chain, make the NSEC3PARAM record match the NSEC3 chain (re-sign with the intended parameters), and check that every server loads the same signed zone."),
			"es": txt("Negación de existencia inconsistente",
				"{subject} es inconsistente en cómo prueba que los nombres no existen: {detail}.",
				"Elija NSEC o NSEC3 y configure el firmador solo para ese mecanismo: elimine un NSEC3PARAM o una cadena NSEC sobrantes, haga que el registro NSEC3PARAM coincida con la cadena NSEC3 (vuelva a firmar con los parámetros deseados) y compruebe que todos los servidores carguen la misma zona firmada."),
			"pt": txt("Negação de existência inconsistente",
				"{subject} é inconsistente na forma de provar que nomes não existem: {detail}.",
				"Escolha NSEC ou NSEC3 e configure o assinador só para esse mecanismo: remova um NSEC3PARAM ou uma cadeia NSEC remanescentes, faça o registro NSEC3PARAM corresponder à cadeia NSEC3 (assine novamente com os parâmetros desejados) e verifique se todos os servidores carregam a mesma zona assinada."),
			"fr": txt("Déni d'existence incohérent",
				"{subject} prouve de façon incohérente que des noms n'existent pas : {detail}.",
				"Choisissez NSEC ou NSEC3 et configurez le signataire pour ce seul mécanisme : retirez un NSEC3PARAM ou une chaîne NSEC restés en place, faites correspondre l'enregistrement NSEC3PARAM à la chaîne NSEC3 (signez à nouveau avec les paramètres voulus) et vérifiez que tous les serveurs chargent la même zone signée."),
		},
	})
	nsNoSignatures = check.Register(check.Definition{
		ID: IDNSNoSignatures, Category: check.DNSSEC, Severity: check.Error,
		References: []string{"RFC 4035 §3.1.1", "RFC 3225 §3"},
		Zonemaster: []string{"DNSSEC06", "EXTRA_PROCESSING_BROKEN"},
		Details: map[string]check.Detail{"no_rrsig": {
			Text: check.Langs("its answers to {rrsets} with the DO bit carried no RRSIG",
				"sus respuestas a {rrsets} con el bit DO no trajeron ninguna RRSIG",
				"suas respostas a {rrsets} com o bit DO não trouxeram nenhuma RRSIG",
				"ses réponses à {rrsets} avec le bit DO ne contenaient aucune RRSIG"),
			Example: check.Args{"rrsets": "example.org./SOA, example.org./DNSKEY"},
		}},
		Text: map[string]check.Text{
			"en": txt("Server answers without signatures",
				"The server {subject} does not include DNSSEC signatures in its answers although the zone is signed: {detail}.",
				"Make this server serve the signed zone: check that it loads the signed zone file (or signs inline), that zone transfers from the signer reach it, and that DNSSEC is enabled in its configuration; resolvers that reach it get unsigned answers and fail validation."),
			"es": txt("Servidor que responde sin firmas",
				"El servidor {subject} no incluye firmas DNSSEC en sus respuestas aunque la zona está firmada: {detail}.",
				"Haga que este servidor sirva la zona firmada: compruebe que cargue el archivo de zona firmado (o firme en línea), que le lleguen las transferencias de zona desde el firmador y que DNSSEC esté habilitado en su configuración; los resolutores que lo consulten reciben respuestas sin firmar y la validación falla."),
			"pt": txt("Servidor que responde sem assinaturas",
				"O servidor {subject} não inclui assinaturas DNSSEC nas respostas, embora a zona esteja assinada: {detail}.",
				"Faça este servidor servir a zona assinada: verifique se ele carrega o arquivo de zona assinado (ou assina em linha), se as transferências de zona do assinador chegam até ele e se o DNSSEC está habilitado na sua configuração; resolvedores que o consultam recebem respostas sem assinatura e a validação falha."),
			"fr": txt("Serveur qui répond sans signatures",
				"Le serveur {subject} n'inclut pas de signatures DNSSEC dans ses réponses alors que la zone est signée : {detail}.",
				"Faites servir la zone signée par ce serveur : vérifiez qu'il charge le fichier de zone signé (ou signe à la volée), que les transferts de zone depuis le signataire lui parviennent et que DNSSEC est activé dans sa configuration ; les résolveurs qui l'interrogent reçoivent des réponses non signées et la validation échoue."),
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
	dsDigestDeprecated.Definition(),
	dsDigestUnknown.Definition(),
	rrsigLifetime.Definition(),
	algUnknown.Definition(),
	dnskeyNotSigned.Definition(),
	algIncomplete.Definition(),
	rsaKeySize.Definition(),
	cdsInconsistent.Definition(),
	cdsInvalid.Definition(),
	cdsNotTrusted.Definition(),
	denialMissing.Definition(),
	denialInconsistent.Definition(),
	nsNoSignatures.Definition(),
}
