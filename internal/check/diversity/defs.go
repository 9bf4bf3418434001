package diversity

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The catalog entries of this area. The analysis that reports them is in
// diversity.go. The NS_* findings are about the zone's nameservers; the
// IPV6_* ones (info) feed the IPv6 readiness report and carry no detail.
var (
	nsSamePrefix = check.Register(check.Definition{
		ID:         "NS_SAME_PREFIX",
		Category:   check.Diversity,
		Severity:   check.Warning,
		References: []string{"RFC 2182 §3.1"},
		Zonemaster: []string{"CONNECTIVITY04", "CN04_IPV4_SAME_PREFIX", "CN04_IPV6_SAME_PREFIX"},
		Details: map[string]check.Detail{"prefix": {
			Text: check.Langs("all nameserver addresses in {prefix}", "todas las direcciones de los servidores de nombres en {prefix}",
				"todos os endereços dos servidores de nomes em {prefix}", "toutes les adresses des serveurs de noms dans {prefix}"),
			Example: check.Args{"prefix": "192.0.2.0/24"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "All nameservers in one network prefix",
				Message:     "All nameserver addresses of {subject} are in the same network prefix ({detail}); a single routing or network failure can make the zone unreachable.",
				Remediation: "Add at least one nameserver in another network, outside this /24 (IPv4) or /48 (IPv6) and ideally at another site and provider, for example a secondary DNS service. Add its name to the zone's NS records and to the delegation at the parent through your registrar, with glue if the name is inside the zone. Anycast addresses in a single prefix are served from many sites but still depend on one route announcement.",
			},
			"es": {
				Title:       "Todos los servidores de nombres en un mismo prefijo de red",
				Message:     "Todas las direcciones de los servidores de nombres de {subject} están en el mismo prefijo de red ({detail}); una sola falla de enrutamiento o de red puede dejar la zona inalcanzable.",
				Remediation: "Agregue al menos un servidor de nombres en otra red, fuera de este /24 (IPv4) o /48 (IPv6) e idealmente en otro sitio y con otro proveedor, por ejemplo un servicio DNS secundario. Incluya su nombre en los registros NS de la zona y en la delegación en la zona padre a través de su registrador, con glue si el nombre está dentro de la zona. Las direcciones anycast de un único prefijo se sirven desde muchos sitios, pero siguen dependiendo de un solo anuncio de ruta.",
			},
			"pt": {
				Title:       "Todos os servidores de nomes no mesmo prefixo de rede",
				Message:     "Todos os endereços dos servidores de nomes de {subject} estão no mesmo prefixo de rede ({detail}); uma única falha de roteamento ou de rede pode tornar a zona inacessível.",
				Remediation: "Adicione pelo menos um servidor de nomes em outra rede, fora deste /24 (IPv4) ou /48 (IPv6) e, de preferência, em outro local e com outro provedor, por exemplo um serviço de DNS secundário. Inclua o nome dele nos registros NS da zona e na delegação na zona pai por meio do seu registrador, com glue se o nome estiver dentro da zona. Endereços anycast em um único prefixo são servidos de muitos locais, mas continuam dependendo de um só anúncio de rota.",
			},
			"fr": {
				Title:       "Tous les serveurs de noms dans un même préfixe réseau",
				Message:     "Toutes les adresses des serveurs de noms de {subject} sont dans le même préfixe réseau ({detail}) ; une seule panne de routage ou de réseau peut rendre la zone injoignable.",
				Remediation: "Ajoutez au moins un serveur de noms dans un autre réseau, hors de ce /24 (IPv4) ou /48 (IPv6) et idéalement sur un autre site et chez un autre fournisseur, par exemple un service DNS secondaire. Ajoutez son nom aux enregistrements NS de la zone et à la délégation dans la zone parente via votre bureau d'enregistrement, avec de la glue si le nom est dans la zone. Des adresses anycast dans un seul préfixe sont servies depuis de nombreux sites mais dépendent toujours d'une seule annonce de route.",
			},
		},
	})
	nsSingleASN = check.Register(check.Definition{
		ID:         "NS_SINGLE_ASN",
		Category:   check.Diversity,
		Severity:   check.Warning,
		References: []string{"RFC 2182 §3.1"},
		Zonemaster: []string{"CONNECTIVITY03", "IPV4_ONE_ASN", "IPV6_ONE_ASN"},
		Details: map[string]check.Detail{"asn": {
			Text: check.Langs("all nameserver addresses in AS{asn}", "todas las direcciones de los servidores de nombres en el AS{asn}",
				"todos os endereços dos servidores de nomes no AS{asn}", "toutes les adresses des serveurs de noms dans l'AS{asn}"),
			Example: check.Args{"asn": "64500"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "All nameservers in one autonomous system",
				Message:     "All nameserver addresses of {subject} are announced by a single autonomous system ({detail}); an outage or routing incident in that network takes the whole zone down.",
				Remediation: "Add a nameserver hosted in another autonomous system, for example a secondary at another DNS provider or at a partner network, transferring the zone from your primary. Add its name to the zone's NS records and to the delegation at the parent through your registrar.",
			},
			"es": {
				Title:       "Todos los servidores de nombres en un mismo sistema autónomo",
				Message:     "Todas las direcciones de los servidores de nombres de {subject} son anunciadas por un único sistema autónomo ({detail}); una caída o un incidente de enrutamiento en esa red deja fuera de servicio toda la zona.",
				Remediation: "Agregue un servidor de nombres alojado en otro sistema autónomo, por ejemplo un secundario en otro proveedor DNS o en una red asociada, que transfiera la zona desde su primario. Incluya su nombre en los registros NS de la zona y en la delegación en la zona padre a través de su registrador.",
			},
			"pt": {
				Title:       "Todos os servidores de nomes no mesmo sistema autônomo",
				Message:     "Todos os endereços dos servidores de nomes de {subject} são anunciados por um único sistema autônomo ({detail}); uma queda ou um incidente de roteamento nessa rede derruba a zona inteira.",
				Remediation: "Adicione um servidor de nomes hospedado em outro sistema autônomo, por exemplo um secundário em outro provedor de DNS ou em uma rede parceira, que transfira a zona a partir do seu primário. Inclua o nome dele nos registros NS da zona e na delegação na zona pai por meio do seu registrador.",
			},
			"fr": {
				Title:       "Tous les serveurs de noms dans un même système autonome",
				Message:     "Toutes les adresses des serveurs de noms de {subject} sont annoncées par un seul système autonome ({detail}) ; une panne ou un incident de routage dans ce réseau met toute la zone hors service.",
				Remediation: "Ajoutez un serveur de noms hébergé dans un autre système autonome, par exemple un secondaire chez un autre fournisseur DNS ou dans un réseau partenaire, qui transfère la zone depuis votre primaire. Ajoutez son nom aux enregistrements NS de la zone et à la délégation dans la zone parente via votre bureau d'enregistrement.",
			},
		},
	})
	nsNoIPv6 = check.Register(check.Definition{
		ID:         "NS_NO_IPV6",
		Category:   check.Diversity,
		Severity:   check.Notice,
		References: []string{"RFC 3901", "BCP 91"},
		Zonemaster: []string{"DELEGATION01", "NO_IPV6_NS_CHILD", "NO_IPV6_NS_DEL"},
		Details: map[string]check.Detail{"none": {
			Text: check.Langs("no nameserver answers over IPv6", "ningún servidor de nombres responde por IPv6",
				"nenhum servidor de nomes responde por IPv6", "aucun serveur de noms ne répond en IPv6"),
			Example: check.Args{},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "No nameserver reachable over IPv6",
				Message:     "No nameserver of {subject} answers over IPv6 ({detail}); IPv6-only resolvers cannot resolve the zone without a translation service.",
				Remediation: "Give at least one, preferably two, of the zone's nameservers an IPv6 address and make the server listen on it (BIND: listen-on-v6; NSD: ip-address; Knot: server.listen). Publish an AAAA record for each such NS name and, if the name is inside the zone, register the IPv6 glue at the parent through your registrar. Many secondary DNS services already offer IPv6.",
			},
			"es": {
				Title:       "Ningún servidor de nombres alcanzable por IPv6",
				Message:     "Ningún servidor de nombres de {subject} responde por IPv6 ({detail}); los resolutores solo IPv6 no pueden resolver la zona sin un servicio de traducción.",
				Remediation: "Asigne una dirección IPv6 a al menos uno, de preferencia dos, de los servidores de nombres de la zona y haga que el servidor escuche en ella (BIND: listen-on-v6; NSD: ip-address; Knot: server.listen). Publique un registro AAAA para cada uno de esos nombres NS y, si el nombre está dentro de la zona, registre el glue IPv6 en la zona padre a través de su registrador. Muchos servicios DNS secundarios ya ofrecen IPv6.",
			},
			"pt": {
				Title:       "Nenhum servidor de nomes acessível por IPv6",
				Message:     "Nenhum servidor de nomes de {subject} responde por IPv6 ({detail}); resolvedores somente IPv6 não conseguem resolver a zona sem um serviço de tradução.",
				Remediation: "Atribua um endereço IPv6 a pelo menos um, de preferência dois, dos servidores de nomes da zona e faça o servidor escutar nele (BIND: listen-on-v6; NSD: ip-address; Knot: server.listen). Publique um registro AAAA para cada um desses nomes NS e, se o nome estiver dentro da zona, cadastre o glue IPv6 na zona pai por meio do seu registrador. Muitos serviços de DNS secundário já oferecem IPv6.",
			},
			"fr": {
				Title:       "Aucun serveur de noms joignable en IPv6",
				Message:     "Aucun serveur de noms de {subject} ne répond en IPv6 ({detail}) ; les résolveurs uniquement IPv6 ne peuvent pas résoudre la zone sans service de traduction.",
				Remediation: "Attribuez une adresse IPv6 à au moins un, de préférence deux, des serveurs de noms de la zone et faites écouter le serveur sur cette adresse (BIND : listen-on-v6 ; NSD : ip-address ; Knot : server.listen). Publiez un enregistrement AAAA pour chacun de ces noms NS et, si le nom est dans la zone, déclarez la glue IPv6 dans la zone parente via votre bureau d'enregistrement. De nombreux services DNS secondaires proposent déjà IPv6.",
			},
		},
	})
	ipv6ApexNoAAAA = check.Register(check.Definition{
		ID:         "IPV6_APEX_NO_AAAA",
		Category:   check.Diversity,
		Severity:   check.Info,
		References: []string{"RFC 3596"},
		Text: map[string]check.Text{
			"en": {
				Title:       "No IPv6 address at the domain name",
				Message:     "{subject} has no AAAA record at the zone apex; services at the bare domain name cannot be reached over IPv6.",
				Remediation: "If the bare domain name points to a service (a web site, for example), enable IPv6 on that service or ask its hosting or CDN provider, and add an AAAA record at the zone apex next to the A record. If the name is not meant to serve anything, no action is needed.",
			},
			"es": {
				Title:       "Sin dirección IPv6 en el nombre de dominio",
				Message:     "{subject} no tiene registro AAAA en el ápice de la zona; los servicios en el nombre de dominio sin prefijo no son accesibles por IPv6.",
				Remediation: "Si el nombre de dominio sin prefijo apunta a un servicio (un sitio web, por ejemplo), habilite IPv6 en ese servicio o solicítelo a su proveedor de alojamiento o CDN, y agregue un registro AAAA en el ápice de la zona junto al registro A. Si el nombre no está destinado a servir nada, no se requiere ninguna acción.",
			},
			"pt": {
				Title:       "Sem endereço IPv6 no nome de domínio",
				Message:     "{subject} não tem registro AAAA no ápice da zona; serviços no nome de domínio sem prefixo não são acessíveis por IPv6.",
				Remediation: "Se o nome de domínio sem prefixo aponta para um serviço (um site, por exemplo), habilite IPv6 nesse serviço ou peça ao seu provedor de hospedagem ou CDN, e adicione um registro AAAA no ápice da zona junto ao registro A. Se o nome não se destina a servir nada, nenhuma ação é necessária.",
			},
			"fr": {
				Title:       "Pas d'adresse IPv6 pour le nom de domaine",
				Message:     "{subject} n'a pas d'enregistrement AAAA à l'apex de la zone ; les services accessibles par le nom de domaine nu ne sont pas joignables en IPv6.",
				Remediation: "Si le nom de domaine nu désigne un service (un site web, par exemple), activez IPv6 sur ce service ou demandez-le à votre hébergeur ou CDN, et ajoutez un enregistrement AAAA à l'apex de la zone à côté de l'enregistrement A. Si le nom n'a vocation à servir aucun service, aucune action n'est nécessaire.",
			},
		},
	})
	ipv6WWWNoAAAA = check.Register(check.Definition{
		ID:         "IPV6_WWW_NO_AAAA",
		Category:   check.Diversity,
		Severity:   check.Info,
		References: []string{"RFC 3596"},
		Text: map[string]check.Text{
			"en": {
				Title:       "Web site name without IPv6 (www AAAA)",
				Message:     "{subject} has no AAAA record; the web site is not reachable over IPv6.",
				Remediation: "Enable IPv6 on the web server, hosting or CDN and add an AAAA record for {subject}. If {subject} is a CNAME, the AAAA record belongs to its target, usually managed by the provider.",
			},
			"es": {
				Title:       "Nombre del sitio web sin IPv6 (AAAA de www)",
				Message:     "{subject} no tiene registro AAAA; el sitio web no es accesible por IPv6.",
				Remediation: "Habilite IPv6 en el servidor web, el alojamiento o la CDN y agregue un registro AAAA para {subject}. Si {subject} es un CNAME, el registro AAAA corresponde a su destino, que normalmente administra el proveedor.",
			},
			"pt": {
				Title:       "Nome do site sem IPv6 (AAAA do www)",
				Message:     "{subject} não tem registro AAAA; o site não é acessível por IPv6.",
				Remediation: "Habilite IPv6 no servidor web, na hospedagem ou na CDN e adicione um registro AAAA para {subject}. Se {subject} for um CNAME, o registro AAAA pertence ao destino dele, normalmente gerenciado pelo provedor.",
			},
			"fr": {
				Title:       "Nom du site web sans IPv6 (AAAA de www)",
				Message:     "{subject} n'a pas d'enregistrement AAAA ; le site web n'est pas joignable en IPv6.",
				Remediation: "Activez IPv6 sur le serveur web, l'hébergement ou le CDN et ajoutez un enregistrement AAAA pour {subject}. Si {subject} est un CNAME, l'enregistrement AAAA relève de sa cible, généralement gérée par le fournisseur.",
			},
		},
	})
	ipv6MXNoAAAA = check.Register(check.Definition{
		ID:         "IPV6_MX_NO_AAAA",
		Category:   check.Diversity,
		Severity:   check.Info,
		References: []string{"RFC 3596", "RFC 5321 §5.1"},
		Text: map[string]check.Text{
			"en": {
				Title:       "Mail servers without IPv6 (MX AAAA)",
				Message:     "Mail exchangers of the domain have no AAAA record ({subject}); mail servers that send only over IPv6 cannot deliver to it.",
				Remediation: "Enable IPv6 on the mail servers (or ask your mail provider) and add AAAA records for the MX target names. If the same hosts also send mail, give the new addresses reverse DNS (PTR records under ip6.arpa) and include them in the domain's SPF record, since many receivers reject mail from addresses without them.",
			},
			"es": {
				Title:       "Servidores de correo sin IPv6 (AAAA de MX)",
				Message:     "Los servidores de correo (MX) del dominio no tienen registro AAAA ({subject}); los servidores que envían correo solo por IPv6 no pueden entregarle mensajes.",
				Remediation: "Habilite IPv6 en los servidores de correo (o solicítelo a su proveedor de correo) y agregue registros AAAA para los nombres de destino de los MX. Si esos mismos equipos también envían correo, configure la resolución inversa de las nuevas direcciones (registros PTR bajo ip6.arpa) e inclúyalas en el registro SPF del dominio, ya que muchos receptores rechazan correo de direcciones que no los tienen.",
			},
			"pt": {
				Title:       "Servidores de e-mail sem IPv6 (AAAA de MX)",
				Message:     "Os servidores de e-mail (MX) do domínio não têm registro AAAA ({subject}); servidores que enviam e-mail somente por IPv6 não conseguem entregar mensagens a ele.",
				Remediation: "Habilite IPv6 nos servidores de e-mail (ou peça ao seu provedor de e-mail) e adicione registros AAAA para os nomes de destino dos MX. Se esses mesmos hosts também enviam e-mail, configure o DNS reverso dos novos endereços (registros PTR sob ip6.arpa) e inclua-os no registro SPF do domínio, pois muitos receptores rejeitam e-mail de endereços sem eles.",
			},
			"fr": {
				Title:       "Serveurs de messagerie sans IPv6 (AAAA des MX)",
				Message:     "Les serveurs de messagerie (MX) du domaine n'ont pas d'enregistrement AAAA ({subject}) ; les serveurs qui n'envoient du courrier qu'en IPv6 ne peuvent pas lui en remettre.",
				Remediation: "Activez IPv6 sur les serveurs de messagerie (ou demandez-le à votre fournisseur de messagerie) et ajoutez des enregistrements AAAA pour les noms cibles des MX. Si ces mêmes machines envoient aussi du courrier, configurez la résolution inverse des nouvelles adresses (enregistrements PTR sous ip6.arpa) et incluez-les dans l'enregistrement SPF du domaine, car de nombreux destinataires rejettent le courrier d'adresses qui en sont dépourvues.",
			},
		},
	})
)
