package delegation

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The catalog entries of this area. The analysis that reports them is in
// delegation.go; the subject and detail each one receives are listed in
// README.md.
var (
	nsCountLow = check.Register(check.Definition{
		ID:         "NS_COUNT_LOW",
		Category:   check.Delegation,
		Severity:   check.Warning,
		References: []string{"RFC 1034 §4.1", "RFC 2182 §5", "RFC 10001 §4.1"},
		Zonemaster: []string{"DELEGATION01", "NOT_ENOUGH_NS_CHILD", "NOT_ENOUGH_NS_DEL", "NOT_ENOUGH_IPV4_NS_CHILD", "NOT_ENOUGH_IPV4_NS_DEL", "NOT_ENOUGH_IPV6_NS_CHILD", "NOT_ENOUGH_IPV6_NS_DEL"},
		Details: map[string]check.Detail{
			"names": {
				Text: check.Langs("{count} NS name(s): {names}", "{count} nombre(s) NS: {names}",
					"{count} nome(s) NS: {names}", "{count} nom(s) NS : {names}"),
				Example: check.Args{"count": "1", "names": "ns1.example.org."},
			},
			"ipv4": {
				Text: check.Langs("only one NS name has an IPv4 address: {names}", "solo un nombre NS tiene dirección IPv4: {names}",
					"somente um nome NS tem endereço IPv4: {names}", "un seul nom NS a une adresse IPv4 : {names}"),
				Example: check.Args{"names": "ns1.example.org."},
			},
			"ipv6": {
				Text: check.Langs("only one NS name has an IPv6 address: {names}", "solo un nombre NS tiene dirección IPv6: {names}",
					"somente um nome NS tem endereço IPv6: {names}", "un seul nom NS a une adresse IPv6 : {names}"),
				Example: check.Args{"names": "ns1.example.org."},
			},
			"both_families": {
				Text: check.Langs("only one NS name has an IPv4 address ({ipv4}) and only one an IPv6 address ({ipv6})",
					"solo un nombre NS tiene dirección IPv4 ({ipv4}) y solo uno dirección IPv6 ({ipv6})",
					"somente um nome NS tem endereço IPv4 ({ipv4}) e somente um endereço IPv6 ({ipv6})",
					"un seul nom NS a une adresse IPv4 ({ipv4}) et un seul une adresse IPv6 ({ipv6})"),
				Example: check.Args{"ipv4": "ns1.example.org.", "ipv6": "ns2.example.org."},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "Fewer than two nameservers",
				Message:     "The NS set {subject} has fewer than two nameservers, or fewer than two in an address family it uses ({detail}); a single failure makes the zone unreachable, for all clients or for those of that family. The subject says which NS set: the parent's delegation or the zone's own.",
				Remediation: "Add at least one more authoritative nameserver, preferably in another network and autonomous system, with addresses in every family the zone uses (two nameservers with IPv4 and two with IPv6), and publish it in both places: the NS records at the zone apex and the delegation at the parent (through your registrar or the registry). Configure the new server as a secondary (BIND: type secondary with primaries; NSD: request-xfr; Knot: a remote and an acl for the transfer) and make sure the primary sends it NOTIFY.",
			},
			"es": {
				Title:       "Menos de dos servidores de nombres",
				Message:     "El conjunto NS {subject} tiene menos de dos servidores de nombres, o menos de dos en una familia de direcciones que usa ({detail}); una sola falla deja la zona inalcanzable, para todos los clientes o para los de esa familia. El sujeto indica qué conjunto NS: la delegación en la zona padre (parent) o el de la propia zona (child).",
				Remediation: "Agregue al menos otro servidor de nombres autoritativo, de preferencia en otra red y otro sistema autónomo, con direcciones en cada familia que use la zona (dos servidores con IPv4 y dos con IPv6), y publíquelo en ambos lugares: los registros NS en el ápice de la zona y la delegación en la zona padre (a través de su registrador o del registro). Configure el nuevo servidor como secundario (BIND: type secondary con primaries; NSD: request-xfr; Knot: un remote y una acl para la transferencia) y verifique que el primario le envíe NOTIFY.",
			},
			"pt": {
				Title:       "Menos de dois servidores de nomes",
				Message:     "O conjunto NS {subject} tem menos de dois servidores de nomes, ou menos de dois em uma família de endereços que usa ({detail}); uma única falha torna a zona inacessível, para todos os clientes ou para os dessa família. O sujeito indica qual conjunto NS: a delegação na zona pai (parent) ou o da própria zona (child).",
				Remediation: "Adicione pelo menos mais um servidor de nomes autoritativo, de preferência em outra rede e outro sistema autônomo, com endereços em cada família que a zona usa (dois servidores com IPv4 e dois com IPv6), e publique-o nos dois lugares: os registros NS no ápice da zona e a delegação na zona pai (por meio do seu registrador ou do registro). Configure o novo servidor como secundário (BIND: type secondary com primaries; NSD: request-xfr; Knot: um remote e uma acl para a transferência) e verifique se o primário lhe envia NOTIFY.",
			},
			"fr": {
				Title:       "Moins de deux serveurs de noms",
				Message:     "L'ensemble NS {subject} compte moins de deux serveurs de noms, ou moins de deux dans une famille d'adresses qu'il utilise ({detail}) ; une seule panne rend la zone injoignable, pour tous les clients ou pour ceux de cette famille. Le sujet indique quel ensemble NS : la délégation dans la zone parente (parent) ou celui de la zone elle-même (child).",
				Remediation: "Ajoutez au moins un autre serveur de noms faisant autorité, de préférence dans un autre réseau et un autre système autonome, avec des adresses dans chaque famille qu'utilise la zone (deux serveurs en IPv4 et deux en IPv6), et déclarez-le aux deux endroits : les enregistrements NS à l'apex de la zone et la délégation dans la zone parente (via votre bureau d'enregistrement ou le registre). Configurez le nouveau serveur en secondaire (BIND : type secondary avec primaries ; NSD : request-xfr ; Knot : un remote et une acl pour le transfert) et vérifiez que le primaire lui envoie des NOTIFY.",
			},
		},
	})
	delegationNSMismatch = check.Register(check.Definition{
		ID:         "DELEGATION_NS_MISMATCH",
		Category:   check.Delegation,
		Severity:   check.Warning,
		References: []string{"RFC 1034 §4.2.2", "RFC 2181 §5.4.1", "RFC 7477"},
		Zonemaster: []string{"DELEGATION07"},
		Details: map[string]check.Detail{
			"parent_only": {
				Text: check.Langs("only at the parent: {parent_only}", "solo en la zona padre: {parent_only}",
					"somente na zona pai: {parent_only}", "seulement chez la zone parente : {parent_only}"),
				Example: check.Args{"parent_only": "ns3.example.net."},
			},
			"child_only": {
				Text: check.Langs("only in the zone: {child_only}", "solo en la zona: {child_only}",
					"somente na zona: {child_only}", "seulement dans la zone : {child_only}"),
				Example: check.Args{"child_only": "ns4.example.net."},
			},
			"both": {
				Text: check.Langs("only at the parent: {parent_only}; only in the zone: {child_only}",
					"solo en la zona padre: {parent_only}; solo en la zona: {child_only}",
					"somente na zona pai: {parent_only}; somente na zona: {child_only}",
					"seulement chez la zone parente : {parent_only} ; seulement dans la zone : {child_only}"),
				Example: check.Args{"parent_only": "ns3.example.net.", "child_only": "ns4.example.net."},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "NS set at the parent differs from the zone's",
				Message:     "The nameservers the parent delegates {subject} to are not the ones the zone itself lists ({detail}).",
				Remediation: "Decide which nameservers should serve the zone and make both NS sets identical: update the delegation at the parent through your registrar (or the registry's interface) and the NS records at the zone apex on the primary server, then increment the SOA serial and reload. When retiring a server, keep it answering authoritatively until the parent's NS TTL has passed after the delegation change. Where the parent supports it, CSYNC (RFC 7477) keeps the delegation in step automatically.",
			},
			"es": {
				Title:       "El conjunto NS de la zona padre difiere del de la zona",
				Message:     "Los servidores de nombres a los que la zona padre delega {subject} no coinciden con los que declara la propia zona ({detail}).",
				Remediation: "Defina qué servidores de nombres deben servir la zona y haga idénticos ambos conjuntos NS: actualice la delegación en la zona padre a través de su registrador (o de la interfaz del registro) y los registros NS en el ápice de la zona en el servidor primario; luego incremente el serial del SOA y recargue la zona. Al retirar un servidor, manténgalo respondiendo con autoridad hasta que venza el TTL de los NS de la zona padre tras el cambio de delegación. Si la zona padre lo admite, CSYNC (RFC 7477) mantiene la delegación sincronizada automáticamente.",
			},
			"pt": {
				Title:       "O conjunto NS na zona pai difere do da zona",
				Message:     "Os servidores de nomes para os quais a zona pai delega {subject} não coincidem com os que a própria zona declara ({detail}).",
				Remediation: "Defina quais servidores de nomes devem servir a zona e torne os dois conjuntos NS idênticos: atualize a delegação na zona pai por meio do seu registrador (ou da interface do registro) e os registros NS no ápice da zona no servidor primário; depois incremente o serial do SOA e recarregue a zona. Ao desativar um servidor, mantenha-o respondendo com autoridade até expirar o TTL dos NS da zona pai após a mudança de delegação. Se a zona pai oferecer suporte, o CSYNC (RFC 7477) mantém a delegação sincronizada automaticamente.",
			},
			"fr": {
				Title:       "L'ensemble NS du parent diffère de celui de la zone",
				Message:     "Les serveurs de noms auxquels la zone parente délègue {subject} ne correspondent pas à ceux que déclare la zone elle-même ({detail}).",
				Remediation: "Déterminez quels serveurs de noms doivent servir la zone et rendez les deux ensembles NS identiques : mettez à jour la délégation dans la zone parente via votre bureau d'enregistrement (ou l'interface du registre) et les enregistrements NS à l'apex de la zone sur le serveur primaire, puis incrémentez le numéro de série du SOA et rechargez la zone. Lorsque vous retirez un serveur, laissez-le répondre avec autorité jusqu'à l'expiration du TTL des NS de la zone parente après le changement de délégation. Si la zone parente le prend en charge, CSYNC (RFC 7477) maintient la délégation synchronisée automatiquement.",
			},
		},
	})
	glueMissing = check.Register(check.Definition{
		ID:         "GLUE_MISSING",
		Category:   check.Delegation,
		Severity:   check.Error,
		References: []string{"RFC 1034 §4.2.1", "RFC 9471"},
		Zonemaster: []string{"CONSISTENCY05", "CS05_MISSING_GLUE_FOR_NS"},
		Details: map[string]check.Detail{"glue": {
			Text: check.Langs("no A or AAAA for {ns} in the referral from {parent}", "sin A ni AAAA para {ns} en la delegación de {parent}",
				"sem A nem AAAA para {ns} na delegação de {parent}", "ni A ni AAAA pour {ns} dans la délégation de {parent}"),
			Example: check.Args{"ns": "ns1.example.org.", "parent": "org."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Glue missing for a nameserver inside the zone",
				Message:     "The nameserver {subject} lies inside the delegated zone, but the parent's referral gives no address for it ({detail}); without glue, resolvers cannot reach it.",
				Remediation: "At your registrar (or the registry), register the IPv4 and IPv6 addresses of {subject} as glue (host objects) so that the parent includes A and AAAA records in its referral. They must match the A/AAAA records of {subject} in your zone; if the name has none, add them to the zone first.",
			},
			"es": {
				Title:       "Falta el glue de un servidor de nombres dentro de la zona",
				Message:     "El servidor de nombres {subject} está dentro de la zona delegada, pero la referencia de la zona padre no incluye ninguna dirección para él ({detail}); sin registros glue, los resolutores no pueden alcanzarlo.",
				Remediation: "En su registrador (o en el registro), registre las direcciones IPv4 e IPv6 de {subject} como glue (objetos host) para que la zona padre incluya registros A y AAAA en su referencia. Deben coincidir con los registros A/AAAA de {subject} en su zona; si el nombre no los tiene, agréguelos primero a la zona.",
			},
			"pt": {
				Title:       "Glue ausente para um servidor de nomes dentro da zona",
				Message:     "O servidor de nomes {subject} está dentro da zona delegada, mas a referência da zona pai não traz nenhum endereço para ele ({detail}); sem registros glue, os resolvedores não conseguem alcançá-lo.",
				Remediation: "No seu registrador (ou no registro), cadastre os endereços IPv4 e IPv6 de {subject} como glue (objetos host) para que a zona pai inclua registros A e AAAA na referência. Eles devem coincidir com os registros A/AAAA de {subject} na sua zona; se o nome não os tiver, adicione-os primeiro à zona.",
			},
			"fr": {
				Title:       "Glue manquante pour un serveur de noms interne à la zone",
				Message:     "Le serveur de noms {subject} se trouve dans la zone déléguée, mais la référence de la zone parente ne donne aucune adresse pour lui ({detail}) ; sans enregistrements de glue, les résolveurs ne peuvent pas le joindre.",
				Remediation: "Auprès de votre bureau d'enregistrement (ou du registre), déclarez les adresses IPv4 et IPv6 de {subject} comme glue (objets hôte) afin que la zone parente inclue des enregistrements A et AAAA dans sa référence. Elles doivent correspondre aux enregistrements A/AAAA de {subject} dans votre zone ; si le nom n'en a pas, ajoutez-les d'abord à la zone.",
			},
		},
	})
	nsIsCNAME = check.Register(check.Definition{
		ID:         "NS_IS_CNAME",
		Category:   check.Delegation,
		Severity:   check.Error,
		References: []string{"RFC 2181 §10.3"},
		Zonemaster: []string{"DELEGATION05", "NS_IS_CNAME"},
		Details: map[string]check.Detail{"alias": {
			Text: check.Langs("{ns} is an alias for {target}", "{ns} es un alias de {target}",
				"{ns} é um alias de {target}", "{ns} est un alias de {target}"),
			Example: check.Args{"ns": "ns1.example.org.", "target": "host.example.net."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameserver name is an alias (CNAME)",
				Message:     "The nameserver name {subject} is an alias ({detail}); an NS record must name a host with its own A/AAAA records, not a CNAME.",
				Remediation: "Replace {subject} in the NS records with the canonical name the alias points to, or give {subject} its own A and AAAA records instead of the CNAME. Make the change in both places: the NS records at the zone apex and the delegation at the parent, through your registrar.",
			},
			"es": {
				Title:       "El nombre del servidor de nombres es un alias (CNAME)",
				Message:     "El nombre de servidor de nombres {subject} es un alias ({detail}); un registro NS debe nombrar un host con registros A/AAAA propios, no un CNAME.",
				Remediation: "Reemplace {subject} en los registros NS por el nombre canónico al que apunta el alias, o dé a {subject} registros A y AAAA propios en lugar del CNAME. Haga el cambio en ambos lugares: los registros NS en el ápice de la zona y la delegación en la zona padre, a través de su registrador.",
			},
			"pt": {
				Title:       "O nome do servidor de nomes é um alias (CNAME)",
				Message:     "O nome de servidor de nomes {subject} é um alias ({detail}); um registro NS deve nomear um host com registros A/AAAA próprios, não um CNAME.",
				Remediation: "Substitua {subject} nos registros NS pelo nome canônico para o qual o alias aponta, ou dê a {subject} registros A e AAAA próprios em vez do CNAME. Faça a alteração nos dois lugares: os registros NS no ápice da zona e a delegação na zona pai, por meio do seu registrador.",
			},
			"fr": {
				Title:       "Le nom du serveur de noms est un alias (CNAME)",
				Message:     "Le nom de serveur de noms {subject} est un alias ({detail}) ; un enregistrement NS doit désigner un hôte possédant ses propres enregistrements A/AAAA, pas un CNAME.",
				Remediation: "Remplacez {subject} dans les enregistrements NS par le nom canonique vers lequel pointe l'alias, ou donnez à {subject} ses propres enregistrements A et AAAA à la place du CNAME. Faites la modification aux deux endroits : les enregistrements NS à l'apex de la zone et la délégation dans la zone parente, via votre bureau d'enregistrement.",
			},
		},
	})
	apexCNAME = check.Register(check.Definition{
		ID:         "APEX_CNAME",
		Category:   check.Delegation,
		Severity:   check.Error,
		References: []string{"RFC 1034 §3.6.2", "RFC 2181 §10.1"},
		Details: map[string]check.Detail{"cname": {
			Text:    check.Langs("{zone} CNAME {target}", "{zone} CNAME {target}", "{zone} CNAME {target}", "{zone} CNAME {target}"),
			Example: check.Args{"zone": "example.org.", "target": "example.net."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "CNAME at the zone apex",
				Message:     "The zone apex {subject} holds a CNAME ({detail}); a CNAME cannot coexist with the SOA and NS records every zone apex must have.",
				Remediation: "Remove the CNAME at the apex and publish the data directly: A and AAAA records with the addresses the alias led to, or your DNS provider's apex alias feature (ALIAS, ANAME or CNAME flattening), which answers with A/AAAA. Clients that support it can also follow an HTTPS record in alias mode (RFC 9460) at the apex. Then check that the zone loads without errors (BIND: named-checkzone; NSD: nsd-checkzone; Knot: kzonecheck).",
			},
			"es": {
				Title:       "CNAME en el ápice de la zona",
				Message:     "El ápice de la zona {subject} contiene un CNAME ({detail}); un CNAME no puede coexistir con los registros SOA y NS que todo ápice de zona debe tener.",
				Remediation: "Elimine el CNAME del ápice y publique los datos directamente: registros A y AAAA con las direcciones a las que llevaba el alias, o la función de alias en el ápice de su proveedor DNS (ALIAS, ANAME o «CNAME flattening»), que responde con A/AAAA. Los clientes que lo admiten también pueden seguir un registro HTTPS en modo alias (RFC 9460) en el ápice. Después, compruebe que la zona cargue sin errores (BIND: named-checkzone; NSD: nsd-checkzone; Knot: kzonecheck).",
			},
			"pt": {
				Title:       "CNAME no ápice da zona",
				Message:     "O ápice da zona {subject} contém um CNAME ({detail}); um CNAME não pode coexistir com os registros SOA e NS que todo ápice de zona precisa ter.",
				Remediation: "Remova o CNAME do ápice e publique os dados diretamente: registros A e AAAA com os endereços aos quais o alias levava, ou o recurso de alias no ápice do seu provedor DNS (ALIAS, ANAME ou \"CNAME flattening\"), que responde com A/AAAA. Clientes que oferecem suporte também podem seguir um registro HTTPS em modo alias (RFC 9460) no ápice. Depois, confirme que a zona carrega sem erros (BIND: named-checkzone; NSD: nsd-checkzone; Knot: kzonecheck).",
			},
			"fr": {
				Title:       "CNAME à l'apex de la zone",
				Message:     "L'apex de la zone {subject} porte un CNAME ({detail}) ; un CNAME ne peut pas coexister avec les enregistrements SOA et NS que tout apex de zone doit avoir.",
				Remediation: "Supprimez le CNAME de l'apex et publiez directement les données : des enregistrements A et AAAA avec les adresses auxquelles menait l'alias, ou la fonction d'alias à l'apex de votre fournisseur DNS (ALIAS, ANAME ou « CNAME flattening »), qui répond avec des A/AAAA. Les clients qui le prennent en charge peuvent aussi suivre un enregistrement HTTPS en mode alias (RFC 9460) à l'apex. Vérifiez ensuite que la zone se charge sans erreur (BIND : named-checkzone ; NSD : nsd-checkzone ; Knot : kzonecheck).",
			},
		},
	})
	domainNotDelegated = check.Register(check.Definition{
		ID:         "DOMAIN_NOT_DELEGATED",
		Category:   check.Delegation,
		Severity:   check.Error,
		References: []string{"RFC 1034 §4.2.1", "RFC 1034 §4.3.2", "RFC 8020"},
		Zonemaster: []string{"BASIC01", "BASIC02", "B01_NO_CHILD", "B02_NO_DELEGATION"},
		Details: map[string]check.Detail{
			"nxdomain": {
				Text: check.Langs("the parent zone {parent} answered NXDOMAIN: the name does not exist",
					"la zona padre {parent} respondió NXDOMAIN: el nombre no existe",
					"a zona pai {parent} respondeu NXDOMAIN: o nome não existe",
					"la zone parente {parent} a répondu NXDOMAIN : le nom n'existe pas"),
				Example: check.Args{"parent": "org."},
			},
			"no_ns": {
				Text: check.Langs("the name exists in the parent zone {parent} but has no NS records there",
					"el nombre existe en la zona padre {parent} pero no tiene registros NS allí",
					"o nome existe na zona pai {parent}, mas não tem registros NS lá",
					"le nom existe dans la zone parente {parent} mais n'y a pas d'enregistrements NS"),
				Example: check.Args{"parent": "org."},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "The parent does not delegate the domain",
				Message:     "The parent zone has no delegation for {subject} ({detail}); no resolver can reach the zone, and nothing else about it could be checked.",
				Remediation: "Check the spelling of the name first. If the domain is registered, ask your registrar (or the registry) to publish its delegation: the NS records, with glue for nameservers inside the zone, must be in the parent zone. Make sure the registration is active (not expired, suspended or on serverHold) and that at least two nameservers are set. Once the parent answers with a referral for the name (dig +norec NS {subject} @a-parent-server), check again. If the name is a subdomain inside your own zone, add NS records for it there, or test the zone before it is delegated with --undelegated.",
			},
			"es": {
				Title:       "La zona padre no delega el dominio",
				Message:     "La zona padre no tiene delegación para {subject} ({detail}); ningún resolutor puede llegar a la zona y no se pudo comprobar nada más de ella.",
				Remediation: "Revise primero la ortografía del nombre. Si el dominio está registrado, pida a su registrador (o al registro) que publique su delegación: los registros NS, con glue para los servidores de nombres dentro de la zona, deben estar en la zona padre. Verifique que el registro esté activo (no vencido, suspendido ni en serverHold) y que tenga al menos dos servidores de nombres. Cuando la zona padre responda con una referencia para el nombre (dig +norec NS {subject} @un-servidor-padre), vuelva a comprobar. Si el nombre es un subdominio dentro de su propia zona, agregue ahí sus registros NS, o pruebe la zona antes de delegarla con --undelegated.",
			},
			"pt": {
				Title:       "A zona pai não delega o domínio",
				Message:     "A zona pai não tem delegação para {subject} ({detail}); nenhum resolvedor consegue chegar à zona, e nada mais sobre ela pôde ser verificado.",
				Remediation: "Confira primeiro a grafia do nome. Se o domínio está registrado, peça ao seu registrador (ou ao registro) que publique a delegação: os registros NS, com glue para os servidores de nomes dentro da zona, precisam estar na zona pai. Verifique se o registro está ativo (não expirado, suspenso nem em serverHold) e se tem pelo menos dois servidores de nomes. Quando a zona pai responder com uma referência para o nome (dig +norec NS {subject} @um-servidor-pai), verifique de novo. Se o nome é um subdomínio dentro da sua própria zona, adicione ali os registros NS dele, ou teste a zona antes da delegação com --undelegated.",
			},
			"fr": {
				Title:       "La zone parente ne délègue pas le domaine",
				Message:     "La zone parente n'a pas de délégation pour {subject} ({detail}) ; aucun résolveur ne peut atteindre la zone, et rien d'autre n'a pu être vérifié.",
				Remediation: "Vérifiez d'abord l'orthographe du nom. Si le domaine est enregistré, demandez à votre bureau d'enregistrement (ou au registre) de publier sa délégation : les enregistrements NS, avec la glue des serveurs de noms internes à la zone, doivent figurer dans la zone parente. Assurez-vous que l'enregistrement est actif (ni expiré, ni suspendu, ni en serverHold) et qu'au moins deux serveurs de noms sont déclarés. Quand la zone parente répond par une référence pour le nom (dig +norec NS {subject} @un-serveur-parent), vérifiez à nouveau. Si le nom est un sous-domaine de votre propre zone, ajoutez-y ses enregistrements NS, ou testez la zone avant sa délégation avec --undelegated.",
			},
		},
	})
	domainNoWorkingNS = check.Register(check.Definition{
		ID:         "DOMAIN_NO_WORKING_NS",
		Category:   check.Delegation,
		Severity:   check.Critical,
		References: []string{"RFC 1034 §4.2", "RFC 1035 §6.1", "RFC 8499 §7 (lame delegation)"},
		Zonemaster: []string{"BASIC02", "CONSISTENCY05", "B02_NO_WORKING_NS", "CS05_CHILD_ZONE_LAME"},
		Details: map[string]check.Detail{
			"lame": {
				Text: check.Langs("none of {addresses} answers authoritatively ({reason})", "ninguna de {addresses} responde con autoridad ({reason})",
					"nenhum de {addresses} responde com autoridade ({reason})", "aucune de {addresses} ne répond avec autorité ({reason})"),
				Example: check.Args{"addresses": "192.0.2.1, 2001:db8::53", "reason": "refused, no_response"},
			},
			"no_address": {
				Text: check.Langs("no address found for {names}", "no se encontró dirección para {names}",
					"nenhum endereço encontrado para {names}", "aucune adresse trouvée pour {names}"),
				Example: check.Args{"names": "ns1.example.net. ns2.example.net."},
			},
			"no_ns": {
				Text:    check.Langs("no nameserver named", "ningún servidor de nombres indicado", "nenhum servidor de nomes indicado", "aucun serveur de noms indiqué"),
				Example: check.Args{},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "No nameserver answers for the zone",
				Message:     "None of the nameservers of {subject} answers authoritatively with the zone's SOA ({detail}); the domain does not resolve.",
				Remediation: "Make at least one, and preferably every, nameserver of the delegation serve the zone: load the zone on each server (BIND: a zone statement of type primary or secondary; NSD: a zone: entry; Knot: a zone section), check that it loads (named-checkzone, nsd-checkzone, kzonecheck), that the server listens on the addresses the parent lists over UDP and TCP port 53, and that no firewall or ACL blocks queries. Then confirm with dig +norec SOA {subject} @each-nameserver that the answer has the aa flag. If the servers listed at the parent are wrong, correct the delegation through your registrar.",
			},
			"es": {
				Title:       "Ningún servidor de nombres responde por la zona",
				Message:     "Ninguno de los servidores de nombres de {subject} responde con autoridad con el SOA de la zona ({detail}); el dominio no resuelve.",
				Remediation: "Haga que al menos uno, y de preferencia todos, los servidores de nombres de la delegación sirvan la zona: cárguela en cada servidor (BIND: una sentencia zone de tipo primary o secondary; NSD: una entrada zone:; Knot: una sección zone), verifique que cargue (named-checkzone, nsd-checkzone, kzonecheck), que el servidor escuche en las direcciones que indica la zona padre por UDP y TCP en el puerto 53, y que ningún firewall o ACL bloquee las consultas. Luego confirme con dig +norec SOA {subject} @cada-servidor que la respuesta lleva la marca aa. Si los servidores que indica la zona padre son incorrectos, corrija la delegación a través de su registrador.",
			},
			"pt": {
				Title:       "Nenhum servidor de nomes responde pela zona",
				Message:     "Nenhum dos servidores de nomes de {subject} responde com autoridade com o SOA da zona ({detail}); o domínio não resolve.",
				Remediation: "Faça com que pelo menos um, e de preferência todos, os servidores de nomes da delegação sirvam a zona: carregue-a em cada servidor (BIND: uma declaração zone do tipo primary ou secondary; NSD: uma entrada zone:; Knot: uma seção zone), verifique se ela carrega (named-checkzone, nsd-checkzone, kzonecheck), se o servidor escuta nos endereços que a zona pai indica por UDP e TCP na porta 53, e se nenhum firewall ou ACL bloqueia as consultas. Depois confirme com dig +norec SOA {subject} @cada-servidor que a resposta traz a flag aa. Se os servidores indicados na zona pai estiverem errados, corrija a delegação por meio do seu registrador.",
			},
			"fr": {
				Title:       "Aucun serveur de noms ne répond pour la zone",
				Message:     "Aucun des serveurs de noms de {subject} ne répond avec autorité avec le SOA de la zone ({detail}) ; le domaine ne se résout pas.",
				Remediation: "Faites servir la zone par au moins un, et de préférence par chacun, des serveurs de noms de la délégation : chargez-la sur chaque serveur (BIND : une déclaration zone de type primary ou secondary ; NSD : une entrée zone: ; Knot : une section zone), vérifiez qu'elle se charge (named-checkzone, nsd-checkzone, kzonecheck), que le serveur écoute sur les adresses indiquées par la zone parente en UDP et en TCP sur le port 53, et qu'aucun pare-feu ni ACL ne bloque les requêtes. Confirmez ensuite avec dig +norec SOA {subject} @chaque-serveur que la réponse porte le drapeau aa. Si les serveurs déclarés dans la zone parente sont faux, corrigez la délégation via votre bureau d'enregistrement.",
			},
		},
	})
	domainNotChecked = check.Register(check.Definition{
		ID:         "DOMAIN_NOT_CHECKED",
		Category:   check.Delegation,
		Severity:   check.Critical,
		References: []string{"RFC 1034 §5.3.3", "RFC 1035 §7.2"},
		Zonemaster: []string{"BASIC01", "B01_PARENT_NOT_FOUND"},
		Details: map[string]check.Detail{
			"parent_silent": {
				Text: check.Langs("no server of the parent zone {parent} answered", "ningún servidor de la zona padre {parent} respondió",
					"nenhum servidor da zona pai {parent} respondeu", "aucun serveur de la zone parente {parent} n'a répondu"),
				Example: check.Args{"parent": "org."},
			},
			"error": {
				// The collection error is our own Go error text: English, kept
				// whole in the arguments and in the English detail.
				Text: check.Langs("{error}", "la recolección de datos no terminó (zona padre {parent}); el error técnico está en los datos del informe",
					"a coleta de dados não terminou (zona pai {parent}); o erro técnico está nos dados do relatório",
					"la collecte des données n'a pas abouti (zone parente {parent}) ; l'erreur technique figure dans les données du rapport"),
				Example: check.Args{"error": "resolver: lookup ns1.example.net. A at net.: no server of the zone gave a usable answer", "parent": "org."},
			},
			"policy": {
				// Why each address was refused is the transport policy's English
				// text; the nameserver table says it in the report's probe data.
				Text: check.Langs("no nameserver address could be queried: {refused}", "no se pudo consultar ninguna dirección de servidor de nombres: {addresses}",
					"nenhum endereço de servidor de nomes pôde ser consultado: {addresses}", "aucune adresse de serveur de noms n'a pu être interrogée : {addresses}"),
				Example: check.Args{"addresses": "10.0.0.53", "refused": "10.0.0.53 10.0.0.53 is a loopback, private, link-local or multicast address: not probed outside lab mode"},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "The domain could not be checked",
				Message:     "The check of {subject} could not finish ({detail}); none of the results below say the zone is healthy.",
				Remediation: "Find out which step failed from the detail: when no server of the parent zone answered, the parent's own servers (or the path to them) are down or blocked, and resolvers cannot reach {subject} either; tell the parent's operator. When the nameservers were not queried because of the probing policy (a do-not-probe list, a private or reserved address), the delegation points at addresses no resolver on the Internet can use: publish public addresses. When the failure is on the measuring side (network, firewall, a timeout that is too short), fix it and check again; the domain's health is unknown until a check finishes.",
			},
			"es": {
				Title:       "No se pudo comprobar el dominio",
				Message:     "La comprobación de {subject} no pudo terminar ({detail}); ninguno de los resultados siguientes indica que la zona esté sana.",
				Remediation: "Identifique en el detalle qué paso falló: si ningún servidor de la zona padre respondió, los servidores de la zona padre (o el camino hasta ellos) están caídos o bloqueados, y los resolutores tampoco pueden llegar a {subject}; avise al operador de la zona padre. Si los servidores de nombres no se consultaron por la política de sondeo (una lista de exclusión, una dirección privada o reservada), la delegación apunta a direcciones que ningún resolutor en Internet puede usar: publique direcciones públicas. Si la falla está del lado de la medición (red, firewall, un tiempo de espera demasiado corto), corríjala y vuelva a comprobar; la salud del dominio es desconocida hasta que una comprobación termine.",
			},
			"pt": {
				Title:       "Não foi possível verificar o domínio",
				Message:     "A verificação de {subject} não pôde terminar ({detail}); nenhum dos resultados abaixo indica que a zona está saudável.",
				Remediation: "Descubra no detalhe qual etapa falhou: se nenhum servidor da zona pai respondeu, os servidores da zona pai (ou o caminho até eles) estão fora do ar ou bloqueados, e os resolvedores também não conseguem chegar a {subject}; avise o operador da zona pai. Se os servidores de nomes não foram consultados por causa da política de sondagem (uma lista de exclusão, um endereço privado ou reservado), a delegação aponta para endereços que nenhum resolvedor na Internet pode usar: publique endereços públicos. Se a falha está do lado da medição (rede, firewall, um tempo limite curto demais), corrija-a e verifique de novo; a saúde do domínio é desconhecida até uma verificação terminar.",
			},
			"fr": {
				Title:       "Le domaine n'a pas pu être vérifié",
				Message:     "La vérification de {subject} n'a pas pu aboutir ({detail}) ; aucun des résultats ci-dessous n'indique que la zone est saine.",
				Remediation: "Repérez dans le détail l'étape qui a échoué : si aucun serveur de la zone parente n'a répondu, les serveurs de la zone parente (ou le chemin qui y mène) sont en panne ou bloqués, et les résolveurs ne peuvent pas non plus atteindre {subject} ; prévenez l'opérateur de la zone parente. Si les serveurs de noms n'ont pas été interrogés à cause de la politique de sondage (une liste d'exclusion, une adresse privée ou réservée), la délégation pointe vers des adresses qu'aucun résolveur sur Internet ne peut utiliser : publiez des adresses publiques. Si la panne est du côté de la mesure (réseau, pare-feu, délai d'attente trop court), corrigez-la et vérifiez à nouveau ; la santé du domaine reste inconnue tant qu'une vérification n'a pas abouti.",
			},
		},
	})
)

// Nameserver names that lead to one address (delegation02): the subject is
// the address, the detail its NS names.
var nsAddressShared = check.Register(check.Definition{
	ID:         "NS_ADDRESS_SHARED",
	Category:   check.Delegation,
	Severity:   check.Error,
	References: []string{"RFC 1034 §4.1", "RFC 2182 §3.1, §5"},
	Zonemaster: []string{"DELEGATION02", "DEL_NS_SAME_IP", "CHILD_NS_SAME_IP"},
	Details: map[string]check.Detail{"names": {
		Text: check.Langs("shared by {names}", "compartida por {names}",
			"compartilhado por {names}", "partagée par {names}"),
		Example: check.Args{"address": "192.0.2.53", "names": "ns1.example.org. ns2.example.org."},
	}},
	Text: map[string]check.Text{
		"en": {
			Title:       "Nameserver names share an address",
			Message:     "Several nameserver names of the zone lead to the address {subject} ({detail}): they are one server, not several, and the zone has less redundancy than its NS set suggests.",
			Remediation: "Give every nameserver name its own server, on an address of its own and preferably in another network and autonomous system (RFC 2182 §3.1): set up a secondary there, point the name's A and AAAA records (and the glue at the parent, through your registrar or the registry, for a name inside the zone) to it. If the names are only aliases of one server, remove the extra ones from the NS records at the zone apex and from the delegation, and add a real second server instead. Two names on one anycast address still fail together when that address is unreachable.",
		},
		"es": {
			Title:       "Nombres de servidores de nombres comparten una dirección",
			Message:     "Varios nombres de servidores de nombres de la zona llevan a la dirección {subject} ({detail}): son un solo servidor, no varios, y la zona tiene menos redundancia de la que su conjunto NS sugiere.",
			Remediation: "Dé a cada nombre de servidor de nombres su propio servidor, en una dirección propia y de preferencia en otra red y otro sistema autónomo (RFC 2182 §3.1): instale allí un secundario y apunte a él los registros A y AAAA del nombre (y el glue en la zona padre, a través de su registrador o del registro, para un nombre dentro de la zona). Si los nombres son solo alias de un servidor, quite los sobrantes de los registros NS del ápice de la zona y de la delegación, y agregue en su lugar un segundo servidor real. Dos nombres en una misma dirección anycast fallan juntos igualmente cuando esa dirección es inalcanzable.",
		},
		"pt": {
			Title:       "Nomes de servidores de nomes compartilham um endereço",
			Message:     "Vários nomes de servidores de nomes da zona levam ao endereço {subject} ({detail}): são um único servidor, não vários, e a zona tem menos redundância do que seu conjunto NS sugere.",
			Remediation: "Dê a cada nome de servidor de nomes seu próprio servidor, num endereço próprio e de preferência em outra rede e outro sistema autônomo (RFC 2182 §3.1): instale ali um secundário e aponte para ele os registros A e AAAA do nome (e o glue na zona pai, por meio do seu registrador ou do registro, para um nome dentro da zona). Se os nomes forem apenas apelidos de um servidor, retire os excedentes dos registros NS do ápice da zona e da delegação, e adicione em seu lugar um segundo servidor real. Dois nomes num mesmo endereço anycast falham juntos do mesmo modo quando esse endereço fica inacessível.",
		},
		"fr": {
			Title:       "Des noms de serveurs de noms partagent une adresse",
			Message:     "Plusieurs noms de serveurs de noms de la zone mènent à l'adresse {subject} ({detail}) : c'est un seul serveur, non plusieurs, et la zone a moins de redondance que son ensemble NS ne le laisse croire.",
			Remediation: "Donnez à chaque nom de serveur de noms son propre serveur, sur une adresse à lui et de préférence dans un autre réseau et un autre système autonome (RFC 2182 §3.1) : installez-y un secondaire et faites pointer vers lui les enregistrements A et AAAA du nom (et la glue dans la zone parente, via votre bureau d'enregistrement ou le registre, pour un nom situé dans la zone). Si les noms ne sont que des alias d'un même serveur, retirez les noms en trop des enregistrements NS à l'apex de la zone et de la délégation, et ajoutez à la place un vrai second serveur. Deux noms sur une même adresse anycast tombent ensemble de la même façon quand cette adresse est injoignable.",
		},
	},
})
