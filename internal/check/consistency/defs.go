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
		Zonemaster: "consistency01",
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
	glueMismatch = check.Register(check.Definition{
		ID:         "GLUE_MISMATCH",
		Category:   check.Consistency,
		Severity:   check.Warning,
		References: []string{"RFC 1034 §4.2.1", "RFC 9471"},
		Zonemaster: "consistency05",
		Details: map[string]check.Detail{
			"extra": {
				Text: check.Langs("glue at {parent} for {ns} that its A/AAAA records do not have: {extra}",
					"glue en {parent} para {ns} que sus registros A/AAAA no tienen: {extra}",
					"glue em {parent} para {ns} que seus registros A/AAAA não têm: {extra}",
					"glue chez {parent} pour {ns} absente de ses enregistrements A/AAAA : {extra}"),
				Example: check.Args{"parent": "org.", "ns": "ns1.example.org.", "extra": "192.0.2.53"},
			},
			"missing": {
				Text: check.Langs("A/AAAA records of {ns} without glue at {parent}: {missing}",
					"registros A/AAAA de {ns} sin glue en {parent}: {missing}",
					"registros A/AAAA de {ns} sem glue em {parent}: {missing}",
					"enregistrements A/AAAA de {ns} sans glue chez {parent} : {missing}"),
				Example: check.Args{"parent": "org.", "ns": "ns1.example.org.", "missing": "2001:db8::53"},
			},
			"both": {
				Text: check.Langs("glue at {parent} for {ns} that its A/AAAA records do not have: {extra}; A/AAAA records without glue: {missing}",
					"glue en {parent} para {ns} que sus registros A/AAAA no tienen: {extra}; registros A/AAAA sin glue: {missing}",
					"glue em {parent} para {ns} que seus registros A/AAAA não têm: {extra}; registros A/AAAA sem glue: {missing}",
					"glue chez {parent} pour {ns} absente de ses enregistrements A/AAAA : {extra} ; enregistrements A/AAAA sans glue : {missing}"),
				Example: check.Args{"parent": "org.", "ns": "ns1.example.org.", "extra": "192.0.2.53", "missing": "192.0.2.54"},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "Glue differs from the nameserver's addresses",
				Message:     "The glue the parent gives for {subject} is not the set of addresses {subject} has in its own zone ({detail}); resolvers use the glue, so they may query an address that no longer serves the zone, or never use one that does.",
				Remediation: "Make the glue and the A/AAAA records of {subject} identical: update the host object (glue) at your registrar, or the records in the zone (then increment the SOA serial and reload). When renumbering a nameserver, keep the old address answering until the parent's glue TTL has passed after the change.",
			},
			"es": {
				Title:       "El glue difiere de las direcciones del servidor de nombres",
				Message:     "El glue que da la zona padre para {subject} no es el conjunto de direcciones que {subject} tiene en su propia zona ({detail}); los resolutores usan el glue, así que pueden consultar una dirección que ya no sirve la zona o no usar nunca una que sí la sirve.",
				Remediation: "Haga idénticos el glue y los registros A/AAAA de {subject}: actualice el objeto host (glue) en su registrador, o los registros en la zona (luego incremente el serial del SOA y recargue la zona). Al renumerar un servidor de nombres, mantenga la dirección anterior respondiendo hasta que venza el TTL del glue de la zona padre tras el cambio.",
			},
			"pt": {
				Title:       "O glue difere dos endereços do servidor de nomes",
				Message:     "O glue que a zona pai dá para {subject} não é o conjunto de endereços que {subject} tem na sua própria zona ({detail}); os resolvedores usam o glue, então podem consultar um endereço que não serve mais a zona ou nunca usar um que a serve.",
				Remediation: "Torne idênticos o glue e os registros A/AAAA de {subject}: atualize o objeto host (glue) no seu registrador, ou os registros na zona (depois incremente o serial do SOA e recarregue a zona). Ao renumerar um servidor de nomes, mantenha o endereço antigo respondendo até expirar o TTL do glue da zona pai após a mudança.",
			},
			"fr": {
				Title:       "La glue diffère des adresses du serveur de noms",
				Message:     "La glue que donne la zone parente pour {subject} n'est pas l'ensemble des adresses que {subject} a dans sa propre zone ({detail}) ; les résolveurs utilisent la glue, ils peuvent donc interroger une adresse qui ne sert plus la zone, ou ne jamais utiliser une adresse qui la sert.",
				Remediation: "Rendez identiques la glue et les enregistrements A/AAAA de {subject} : mettez à jour l'objet hôte (glue) auprès de votre bureau d'enregistrement, ou les enregistrements de la zone (puis incrémentez le numéro de série du SOA et rechargez la zone). Lors d'une renumérotation d'un serveur de noms, laissez l'ancienne adresse répondre jusqu'à l'expiration du TTL de la glue de la zone parente après le changement.",
			},
		},
	})
)
