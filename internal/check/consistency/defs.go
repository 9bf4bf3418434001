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
	glueMismatch = check.Register(check.Definition{
		ID:         "GLUE_MISMATCH",
		Category:   check.Consistency,
		Severity:   check.Warning,
		References: []string{"RFC 1034 §4.2.1", "RFC 9471"},
		Zonemaster: []string{"CONSISTENCY05"},
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

// The SOA fields and NS sets the servers disagree on (consistency02, 03,
// 04, 06): the subject is the zone, the detail lists each value with the
// server addresses that returned it.
var (
	soaRNameMismatch = check.Register(check.Definition{
		ID:         "SOA_RNAME_MISMATCH",
		Category:   check.Consistency,
		Severity:   check.Notice,
		References: []string{"RFC 1034 §4.2.1", "RFC 1035 §3.3.13", "RFC 1912 §2.2"},
		Zonemaster: []string{"CONSISTENCY02", "MULTIPLE_SOA_RNAMES"},
		Details: map[string]check.Detail{"rnames": {
			Text:    check.Langs("{rnames}", "{rnames}", "{rnames}", "{rnames}"),
			Example: check.Args{"rnames": "hostmaster.example.org.: 192.0.2.1 192.0.2.2; dns-admin.example.net.: 2001:db8::53"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameservers return different SOA RNAME (contact mailbox)",
				Message:     "The nameservers of {subject} do not agree on the administrative contact in the zone's SOA record ({detail}).",
				Remediation: "Every server must serve the same SOA record (RFC 1034 §4.2.1). Choose one contact mailbox (written with its first dot standing for the @: hostmaster.example.org. is hostmaster@example.org) and put it in the SOA of every copy of the zone: on the primary, then increase the serial so that secondaries transfer it. A server that keeps another RNAME does not take its copy from your primary: a provider that generates its own SOA (set the contact in its panel or API, or ask it to keep yours), a second primary in a multi-provider setup (set the same SOA fields on each), or a stale secondary (see SOA_SERIAL_MISMATCH).",
			},
			"es": {
				Title:       "Los servidores de nombres devuelven RNAME del SOA (buzón de contacto) distintos",
				Message:     "Los servidores de nombres de {subject} no coinciden en el contacto administrativo del registro SOA de la zona ({detail}).",
				Remediation: "Todos los servidores deben servir el mismo registro SOA (RFC 1034 §4.2.1). Elija un buzón de contacto (escrito con su primer punto en lugar de la @: hostmaster.example.org. es hostmaster@example.org) y póngalo en el SOA de cada copia de la zona: en el primario, e incremente el serial para que los secundarios la transfieran. Un servidor que mantiene otro RNAME no toma su copia de su primario: un proveedor que genera su propio SOA (configure el contacto en su panel o API, o pídale conservar el suyo), un segundo primario en una configuración con varios proveedores (ponga los mismos campos SOA en cada uno) o un secundario desactualizado (vea SOA_SERIAL_MISMATCH).",
			},
			"pt": {
				Title:       "Os servidores de nomes retornam RNAME do SOA (caixa de contato) diferentes",
				Message:     "Os servidores de nomes de {subject} não concordam quanto ao contato administrativo do registro SOA da zona ({detail}).",
				Remediation: "Todos os servidores devem servir o mesmo registro SOA (RFC 1034 §4.2.1). Escolha uma caixa de contato (escrita com o primeiro ponto no lugar da @: hostmaster.example.org. é hostmaster@example.org) e coloque-a no SOA de cada cópia da zona: no primário, e incremente o serial para que os secundários a transfiram. Um servidor que mantém outro RNAME não obtém sua cópia do seu primário: um provedor que gera o próprio SOA (configure o contato no painel ou na API dele, ou peça que mantenha o seu), um segundo primário numa configuração com vários provedores (coloque os mesmos campos SOA em cada um) ou um secundário desatualizado (veja SOA_SERIAL_MISMATCH).",
			},
			"fr": {
				Title:       "Les serveurs de noms renvoient des RNAME du SOA (boîte de contact) différents",
				Message:     "Les serveurs de noms de {subject} ne s'accordent pas sur le contact administratif de l'enregistrement SOA de la zone ({detail}).",
				Remediation: "Tous les serveurs doivent servir le même enregistrement SOA (RFC 1034 §4.2.1). Choisissez une boîte de contact (écrite avec son premier point à la place de l'@ : hostmaster.example.org. est hostmaster@example.org) et mettez-la dans le SOA de chaque copie de la zone : sur le primaire, puis augmentez le numéro de série pour que les secondaires la transfèrent. Un serveur qui garde un autre RNAME ne prend pas sa copie chez votre primaire : un fournisseur qui génère son propre SOA (réglez le contact dans son interface ou son API, ou demandez-lui de garder le vôtre), un second primaire dans une configuration multi-fournisseur (mettez les mêmes champs SOA sur chacun) ou un secondaire en retard (voir SOA_SERIAL_MISMATCH).",
			},
		},
	})
	soaTimersMismatch = check.Register(check.Definition{
		ID:         "SOA_TIMERS_MISMATCH",
		Category:   check.Consistency,
		Severity:   check.Notice,
		References: []string{"RFC 1034 §4.2.1", "RFC 1035 §3.3.13", "RFC 2308 §4"},
		Zonemaster: []string{"CONSISTENCY03", "MULTIPLE_SOA_TIME_PARAMETER_SET"},
		Details: map[string]check.Detail{"timers": {
			Text: check.Langs("refresh/retry/expire/minimum: {timers}", "refresh/retry/expire/minimum: {timers}",
				"refresh/retry/expire/minimum: {timers}", "refresh/retry/expire/minimum : {timers}"),
			Example: check.Args{"timers": "7200/3600/1209600/300: 192.0.2.1; 86400/7200/3600000/3600: 2001:db8::53"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameservers return different SOA timers",
				Message:     "The nameservers of {subject} do not agree on the timers of the zone's SOA record ({detail}): secondaries refresh and expire the zone, and resolvers cache negative answers, differently depending on the server they asked.",
				Remediation: "Every server must serve the same SOA record (RFC 1034 §4.2.1). Put the same refresh, retry, expire and minimum values in the SOA of every copy of the zone: on the primary, then increase the serial so that secondaries transfer it. A server that keeps other values does not take its copy from your primary: a provider that generates its own SOA (set the timers in its panel or API), a second primary in a multi-provider setup (set the same values on each), or a stale secondary (see SOA_SERIAL_MISMATCH).",
			},
			"es": {
				Title:       "Los servidores de nombres devuelven temporizadores SOA distintos",
				Message:     "Los servidores de nombres de {subject} no coinciden en los temporizadores del registro SOA de la zona ({detail}): los secundarios refrescan y expiran la zona, y los resolvedores guardan las respuestas negativas, de forma distinta según el servidor consultado.",
				Remediation: "Todos los servidores deben servir el mismo registro SOA (RFC 1034 §4.2.1). Ponga los mismos valores refresh, retry, expire y minimum en el SOA de cada copia de la zona: en el primario, e incremente el serial para que los secundarios la transfieran. Un servidor que mantiene otros valores no toma su copia de su primario: un proveedor que genera su propio SOA (configure los temporizadores en su panel o API), un segundo primario en una configuración con varios proveedores (ponga los mismos valores en cada uno) o un secundario desactualizado (vea SOA_SERIAL_MISMATCH).",
			},
			"pt": {
				Title:       "Os servidores de nomes retornam temporizadores SOA diferentes",
				Message:     "Os servidores de nomes de {subject} não concordam quanto aos temporizadores do registro SOA da zona ({detail}): os secundários atualizam e expiram a zona, e os resolvedores guardam as respostas negativas, de forma diferente conforme o servidor consultado.",
				Remediation: "Todos os servidores devem servir o mesmo registro SOA (RFC 1034 §4.2.1). Coloque os mesmos valores refresh, retry, expire e minimum no SOA de cada cópia da zona: no primário, e incremente o serial para que os secundários a transfiram. Um servidor que mantém outros valores não obtém sua cópia do seu primário: um provedor que gera o próprio SOA (configure os temporizadores no painel ou na API dele), um segundo primário numa configuração com vários provedores (coloque os mesmos valores em cada um) ou um secundário desatualizado (veja SOA_SERIAL_MISMATCH).",
			},
			"fr": {
				Title:       "Les serveurs de noms renvoient des temporisations SOA différentes",
				Message:     "Les serveurs de noms de {subject} ne s'accordent pas sur les temporisations de l'enregistrement SOA de la zone ({detail}) : les secondaires rafraîchissent et expirent la zone, et les résolveurs gardent les réponses négatives, différemment selon le serveur interrogé.",
				Remediation: "Tous les serveurs doivent servir le même enregistrement SOA (RFC 1034 §4.2.1). Mettez les mêmes valeurs refresh, retry, expire et minimum dans le SOA de chaque copie de la zone : sur le primaire, puis augmentez le numéro de série pour que les secondaires la transfèrent. Un serveur qui garde d'autres valeurs ne prend pas sa copie chez votre primaire : un fournisseur qui génère son propre SOA (réglez les temporisations dans son interface ou son API), un second primaire dans une configuration multi-fournisseur (mettez les mêmes valeurs sur chacun) ou un secondaire en retard (voir SOA_SERIAL_MISMATCH).",
			},
		},
	})
	nsSetInconsistent = check.Register(check.Definition{
		ID:         "NS_SET_INCONSISTENT",
		Category:   check.Consistency,
		Severity:   check.Notice,
		References: []string{"RFC 1034 §4.2.2", "RFC 1035 §3.3.11", "RFC 2181 §5"},
		Zonemaster: []string{"CONSISTENCY04", "MULTIPLE_NS_SET"},
		Details: map[string]check.Detail{"ns_sets": {
			Text:    check.Langs("{ns_sets}", "{ns_sets}", "{ns_sets}", "{ns_sets}"),
			Example: check.Args{"ns_sets": "ns1.example.org. ns2.example.org.: 192.0.2.1; ns1.example.org. ns3.example.net.: 2001:db8::53"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameservers return different NS sets",
				Message:     "The nameservers of {subject} do not agree on the zone's own NS records ({detail}); resolvers learn a different set of servers depending on which one they ask.",
				Remediation: "The NS records at the zone apex must be the same on every server. Edit them on the primary so that they list every server that serves the zone, increase the serial and check that every secondary transfers it (BIND: rndc retransfer <zone>; NSD: nsd-control force_transfer <zone>; Knot: knotc zone-retransfer <zone>). With several providers, each one's copy of the zone must list the servers of all of them (set them in each provider's panel or API). Then make the delegation at the parent (through your registrar or the registry) name the same set (see DELEGATION_NS_MISMATCH).",
			},
			"es": {
				Title:       "Los servidores de nombres devuelven conjuntos NS distintos",
				Message:     "Los servidores de nombres de {subject} no coinciden en los registros NS de la propia zona ({detail}); los resolvedores conocen un conjunto de servidores distinto según a cuál consulten.",
				Remediation: "Los registros NS del ápice de la zona deben ser iguales en todos los servidores. Edítelos en el primario para que incluyan cada servidor que sirve la zona, incremente el serial y verifique que cada secundario la transfiera (BIND: rndc retransfer <zona>; NSD: nsd-control force_transfer <zona>; Knot: knotc zone-retransfer <zona>). Con varios proveedores, la copia de la zona de cada uno debe incluir los servidores de todos (configúrelos en el panel o la API de cada proveedor). Luego haga que la delegación en la zona padre (a través de su registrador o del registro) indique el mismo conjunto (vea DELEGATION_NS_MISMATCH).",
			},
			"pt": {
				Title:       "Os servidores de nomes retornam conjuntos NS diferentes",
				Message:     "Os servidores de nomes de {subject} não concordam quanto aos registros NS da própria zona ({detail}); os resolvedores conhecem um conjunto de servidores diferente conforme o servidor que consultam.",
				Remediation: "Os registros NS do ápice da zona devem ser iguais em todos os servidores. Edite-os no primário para que incluam cada servidor que serve a zona, incremente o serial e verifique se cada secundário a transfere (BIND: rndc retransfer <zona>; NSD: nsd-control force_transfer <zona>; Knot: knotc zone-retransfer <zona>). Com vários provedores, a cópia da zona de cada um deve incluir os servidores de todos (configure-os no painel ou na API de cada provedor). Depois faça a delegação na zona pai (por meio do seu registrador ou do registro) indicar o mesmo conjunto (veja DELEGATION_NS_MISMATCH).",
			},
			"fr": {
				Title:       "Les serveurs de noms renvoient des ensembles NS différents",
				Message:     "Les serveurs de noms de {subject} ne s'accordent pas sur les enregistrements NS de la zone elle-même ({detail}) ; les résolveurs apprennent un ensemble de serveurs différent selon celui qu'ils interrogent.",
				Remediation: "Les enregistrements NS à l'apex de la zone doivent être identiques sur tous les serveurs. Modifiez-les sur le primaire pour qu'ils citent chaque serveur qui sert la zone, augmentez le numéro de série et vérifiez que chaque secondaire la transfère (BIND : rndc retransfer <zone> ; NSD : nsd-control force_transfer <zone> ; Knot : knotc zone-retransfer <zone>). Avec plusieurs fournisseurs, la copie de la zone de chacun doit citer les serveurs de tous (réglez-les dans l'interface ou l'API de chaque fournisseur). Faites ensuite citer le même ensemble par la délégation dans la zone parente (via votre bureau d'enregistrement ou le registre ; voir DELEGATION_NS_MISMATCH).",
			},
		},
	})
	soaMNameMismatch = check.Register(check.Definition{
		ID:         "SOA_MNAME_MISMATCH",
		Category:   check.Consistency,
		Severity:   check.Notice,
		References: []string{"RFC 1034 §4.2.1", "RFC 1035 §3.3.13", "RFC 1996 §2", "RFC 2136 §4"},
		Zonemaster: []string{"CONSISTENCY06", "MULTIPLE_SOA_MNAMES"},
		Details: map[string]check.Detail{"mnames": {
			Text:    check.Langs("{mnames}", "{mnames}", "{mnames}", "{mnames}"),
			Example: check.Args{"mnames": "ns1.example.org.: 192.0.2.1 192.0.2.2; ns.provider.example.net.: 2001:db8::53"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameservers return different SOA MNAME (primary server)",
				Message:     "The nameservers of {subject} do not agree on the primary server named in the zone's SOA record ({detail}).",
				Remediation: "Every server must serve the same SOA record (RFC 1034 §4.2.1). The MNAME names the zone's primary: where dynamic updates go (RFC 2136) and which server does not get NOTIFY (RFC 1996). Set the name of your real primary (or the name you publish for a hidden primary) in the SOA of every copy of the zone: on the primary, then increase the serial so that secondaries transfer it. A server that keeps another MNAME does not take its copy from your primary: a provider that generates its own SOA, a second primary in a multi-provider setup (agree on one MNAME), or a stale secondary (see SOA_SERIAL_MISMATCH).",
			},
			"es": {
				Title:       "Los servidores de nombres devuelven MNAME del SOA (servidor primario) distintos",
				Message:     "Los servidores de nombres de {subject} no coinciden en el servidor primario indicado en el registro SOA de la zona ({detail}).",
				Remediation: "Todos los servidores deben servir el mismo registro SOA (RFC 1034 §4.2.1). El MNAME indica el primario de la zona: adonde van las actualizaciones dinámicas (RFC 2136) y qué servidor no recibe NOTIFY (RFC 1996). Ponga el nombre de su primario real (o el nombre que publica para un primario oculto) en el SOA de cada copia de la zona: en el primario, e incremente el serial para que los secundarios la transfieran. Un servidor que mantiene otro MNAME no toma su copia de su primario: un proveedor que genera su propio SOA, un segundo primario en una configuración con varios proveedores (acuerden un único MNAME) o un secundario desactualizado (vea SOA_SERIAL_MISMATCH).",
			},
			"pt": {
				Title:       "Os servidores de nomes retornam MNAME do SOA (servidor primário) diferentes",
				Message:     "Os servidores de nomes de {subject} não concordam quanto ao servidor primário indicado no registro SOA da zona ({detail}).",
				Remediation: "Todos os servidores devem servir o mesmo registro SOA (RFC 1034 §4.2.1). O MNAME indica o primário da zona: para onde vão as atualizações dinâmicas (RFC 2136) e qual servidor não recebe NOTIFY (RFC 1996). Coloque o nome do seu primário real (ou o nome que você publica para um primário oculto) no SOA de cada cópia da zona: no primário, e incremente o serial para que os secundários a transfiram. Um servidor que mantém outro MNAME não obtém sua cópia do seu primário: um provedor que gera o próprio SOA, um segundo primário numa configuração com vários provedores (combinem um único MNAME) ou um secundário desatualizado (veja SOA_SERIAL_MISMATCH).",
			},
			"fr": {
				Title:       "Les serveurs de noms renvoient des MNAME du SOA (serveur primaire) différents",
				Message:     "Les serveurs de noms de {subject} ne s'accordent pas sur le serveur primaire nommé dans l'enregistrement SOA de la zone ({detail}).",
				Remediation: "Tous les serveurs doivent servir le même enregistrement SOA (RFC 1034 §4.2.1). Le MNAME nomme le primaire de la zone : où vont les mises à jour dynamiques (RFC 2136) et quel serveur ne reçoit pas de NOTIFY (RFC 1996). Mettez le nom de votre vrai primaire (ou le nom publié pour un primaire caché) dans le SOA de chaque copie de la zone : sur le primaire, puis augmentez le numéro de série pour que les secondaires la transfèrent. Un serveur qui garde un autre MNAME ne prend pas sa copie chez votre primaire : un fournisseur qui génère son propre SOA, un second primaire dans une configuration multi-fournisseur (convenez d'un seul MNAME) ou un secondaire en retard (voir SOA_SERIAL_MISMATCH).",
			},
		},
	})
)
