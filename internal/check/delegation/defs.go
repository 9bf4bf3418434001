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
		References: []string{"RFC 1034 §4.1", "RFC 2182 §5"},
		Zonemaster: "delegation01",
		Text: map[string]check.Text{
			"en": {
				Title:       "Fewer than two nameservers",
				Message:     "The zone {subject} is served by fewer than two nameservers ({detail}); a single failure makes it unreachable.",
				Remediation: "Add at least one more authoritative nameserver, preferably in another network and autonomous system, and publish it in both places: the NS records at the zone apex and the delegation at the parent (through your registrar or the registry). Configure the new server as a secondary (BIND: type secondary with primaries; NSD: request-xfr; Knot: a remote and an acl for the transfer) and make sure the primary sends it NOTIFY.",
			},
			"es": {
				Title:       "Menos de dos servidores de nombres",
				Message:     "La zona {subject} está servida por menos de dos servidores de nombres ({detail}); una sola falla la deja inalcanzable.",
				Remediation: "Agregue al menos otro servidor de nombres autoritativo, de preferencia en otra red y otro sistema autónomo, y publíquelo en ambos lugares: los registros NS en el ápice de la zona y la delegación en la zona padre (a través de su registrador o del registro). Configure el nuevo servidor como secundario (BIND: type secondary con primaries; NSD: request-xfr; Knot: un remote y una acl para la transferencia) y verifique que el primario le envíe NOTIFY.",
			},
			"pt": {
				Title:       "Menos de dois servidores de nomes",
				Message:     "A zona {subject} é servida por menos de dois servidores de nomes ({detail}); uma única falha a torna inacessível.",
				Remediation: "Adicione pelo menos mais um servidor de nomes autoritativo, de preferência em outra rede e outro sistema autônomo, e publique-o nos dois lugares: os registros NS no ápice da zona e a delegação na zona pai (por meio do seu registrador ou do registro). Configure o novo servidor como secundário (BIND: type secondary com primaries; NSD: request-xfr; Knot: um remote e uma acl para a transferência) e verifique se o primário lhe envia NOTIFY.",
			},
			"fr": {
				Title:       "Moins de deux serveurs de noms",
				Message:     "La zone {subject} est servie par moins de deux serveurs de noms ({detail}) ; une seule panne la rend injoignable.",
				Remediation: "Ajoutez au moins un autre serveur de noms faisant autorité, de préférence dans un autre réseau et un autre système autonome, et déclarez-le aux deux endroits : les enregistrements NS à l'apex de la zone et la délégation dans la zone parente (via votre bureau d'enregistrement ou le registre). Configurez le nouveau serveur en secondaire (BIND : type secondary avec primaries ; NSD : request-xfr ; Knot : un remote et une acl pour le transfert) et vérifiez que le primaire lui envoie des NOTIFY.",
			},
		},
	})
	delegationNSMismatch = check.Register(check.Definition{
		ID:         "DELEGATION_NS_MISMATCH",
		Category:   check.Delegation,
		Severity:   check.Warning,
		References: []string{"RFC 1034 §4.2.2", "RFC 2181 §5.4.1", "RFC 7477"},
		Zonemaster: "delegation07",
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
		Zonemaster: "consistency05",
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
		Zonemaster: "delegation05",
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
)
