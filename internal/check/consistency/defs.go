package consistency

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The catalog entries of this area. The analysis that reports them is in
// consistency.go; the subject is the zone, the detail lists each serial
// with the server addresses that returned it.
var (
	soaSerialMismatch = check.Register(check.Definition{
		ID:         "SOA_SERIAL_MISMATCH",
		Category:   check.Consistency,
		Severity:   check.Warning,
		References: []string{"RFC 1034 §4.3.5", "RFC 1982", "RFC 1996"},
		Zonemaster: []string{"CONSISTENCY01", "MULTIPLE_SOA_SERIALS", "SOA_SERIAL_VARIATION"},
		Details: map[string]check.Detail{"serials": {
			Text:    map[string]string{"en": "{serials}", "es": "{serials}", "pt": "{serials}", "fr": "{serials}"},
			Example: check.Args{"serials": "2026120301: 192.0.2.1 192.0.2.2; 2026120302: 2001:db8::53"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameservers return different SOA serials",
				Message:     "The nameservers of {subject} do not agree on the zone's SOA serial ({detail}); some of them serve an outdated copy.",
				Remediation: "On the primary, check that every secondary is notified and allowed to transfer the zone (BIND: also-notify and allow-transfer; NSD: notify and provide-xfr; Knot: notify and an acl with action: transfer). On the lagging servers, look in the logs for failed transfers (refused, TSIG errors, unreachable primary) and force a new transfer (BIND: rndc retransfer <zone>; NSD: nsd-control force_transfer <zone>; Knot: knotc zone-retransfer <zone>). A difference right after an update is normal; one that lasts longer than the SOA refresh interval is not. If the serial was ever lowered on the primary, secondaries ignore the new copy: move the serial forward with RFC 1982 arithmetic. Some providers number serials independently per server; if the zone content is the same everywhere, this finding can be accepted.",
			},
			"es": {
				Title:       "Los servidores de nombres devuelven seriales SOA distintos",
				Message:     "Los servidores de nombres de {subject} no coinciden en el serial del SOA de la zona ({detail}); algunos sirven una copia desactualizada.",
				Remediation: "En el primario, verifique que todos los secundarios reciban NOTIFY y tengan permitida la transferencia de la zona (BIND: also-notify y allow-transfer; NSD: notify y provide-xfr; Knot: notify y una acl con action: transfer). En los servidores rezagados, busque en los registros (logs) transferencias fallidas (rechazos, errores TSIG, primario inalcanzable) y fuerce una nueva transferencia (BIND: rndc retransfer <zona>; NSD: nsd-control force_transfer <zona>; Knot: knotc zone-retransfer <zona>). Una diferencia justo después de una actualización es normal; una que dure más que el intervalo refresh del SOA no lo es. Si alguna vez se redujo el serial en el primario, los secundarios ignoran la nueva copia: avance el serial con la aritmética del RFC 1982. Algunos proveedores numeran los seriales de forma independiente en cada servidor; si el contenido de la zona es idéntico en todos, este hallazgo puede aceptarse.",
			},
			"pt": {
				Title:       "Os servidores de nomes retornam seriais SOA diferentes",
				Message:     "Os servidores de nomes de {subject} não concordam quanto ao serial do SOA da zona ({detail}); alguns servem uma cópia desatualizada.",
				Remediation: "No primário, verifique se todos os secundários recebem NOTIFY e têm permissão para transferir a zona (BIND: also-notify e allow-transfer; NSD: notify e provide-xfr; Knot: notify e uma acl com action: transfer). Nos servidores atrasados, procure nos logs transferências com falha (recusas, erros de TSIG, primário inacessível) e force uma nova transferência (BIND: rndc retransfer <zona>; NSD: nsd-control force_transfer <zona>; Knot: knotc zone-retransfer <zona>). Uma diferença logo após uma atualização é normal; uma que dure mais que o intervalo refresh do SOA não é. Se o serial já foi reduzido no primário, os secundários ignoram a nova cópia: avance o serial usando a aritmética do RFC 1982. Alguns provedores numeram os seriais de forma independente em cada servidor; se o conteúdo da zona for idêntico em todos, este achado pode ser aceito.",
			},
			"fr": {
				Title:       "Les serveurs de noms renvoient des numéros de série SOA différents",
				Message:     "Les serveurs de noms de {subject} ne s'accordent pas sur le numéro de série du SOA de la zone ({detail}) ; certains servent une copie périmée.",
				Remediation: "Sur le primaire, vérifiez que chaque secondaire reçoit des NOTIFY et est autorisé à transférer la zone (BIND : also-notify et allow-transfer ; NSD : notify et provide-xfr ; Knot : notify et une acl avec action: transfer). Sur les serveurs en retard, cherchez dans les journaux des transferts échoués (refus, erreurs TSIG, primaire injoignable) et forcez un nouveau transfert (BIND : rndc retransfer <zone> ; NSD : nsd-control force_transfer <zone> ; Knot : knotc zone-retransfer <zone>). Un écart juste après une mise à jour est normal ; un écart qui dure plus longtemps que l'intervalle refresh du SOA ne l'est pas. Si le numéro de série a un jour été diminué sur le primaire, les secondaires ignorent la nouvelle copie : faites-le avancer selon l'arithmétique de la RFC 1982. Certains fournisseurs numérotent les versions indépendamment sur chaque serveur ; si le contenu de la zone est identique partout, ce constat peut être accepté.",
			},
		},
	})
)
