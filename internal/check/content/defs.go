package content

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The catalog entries of this area. The analysis that reports them is in
// content.go; the subject and detail each one receives are listed in
// README.md.
var (
	mxIsCNAME = check.Register(check.Definition{
		ID:         "MX_IS_CNAME",
		Category:   check.Content,
		Severity:   check.Notice,
		References: []string{"RFC 2181 §10.3", "RFC 5321 §5.1"},
		Zonemaster: []string{"ZONE08"},
		Details: map[string]check.Detail{"alias": {
			Text: check.Langs("{target} is an alias for {canonical}", "{target} es un alias de {canonical}",
				"{target} é um alias de {canonical}", "{target} est un alias de {canonical}"),
			Example: check.Args{"target": "mail.example.org.", "canonical": "mx.example.net."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "MX target is an alias (CNAME)",
				Message:     "The mail exchanger {subject} named by the zone's MX records is an alias ({detail}); an MX must name a host with its own A/AAAA records, and some mail servers refuse or mishandle aliases.",
				Remediation: "Point the MX record at the canonical name the alias leads to, or replace the CNAME at {subject} with A and AAAA records. Then increment the SOA serial and reload the zone.",
			},
			"es": {
				Title:       "El destino del MX es un alias (CNAME)",
				Message:     "El servidor de correo {subject} que nombran los registros MX de la zona es un alias ({detail}); un MX debe nombrar un host con registros A/AAAA propios, y algunos servidores de correo rechazan o manejan mal los alias.",
				Remediation: "Haga que el registro MX apunte al nombre canónico al que lleva el alias, o reemplace el CNAME de {subject} por registros A y AAAA. Luego incremente el serial del SOA y recargue la zona.",
			},
			"pt": {
				Title:       "O destino do MX é um alias (CNAME)",
				Message:     "O servidor de e-mail {subject} nomeado pelos registros MX da zona é um alias ({detail}); um MX deve nomear um host com registros A/AAAA próprios, e alguns servidores de e-mail recusam ou tratam mal os aliases.",
				Remediation: "Faça o registro MX apontar para o nome canônico ao qual o alias leva, ou substitua o CNAME de {subject} por registros A e AAAA. Depois incremente o serial do SOA e recarregue a zona.",
			},
			"fr": {
				Title:       "La cible du MX est un alias (CNAME)",
				Message:     "Le serveur de messagerie {subject} désigné par les enregistrements MX de la zone est un alias ({detail}) ; un MX doit désigner un hôte ayant ses propres enregistrements A/AAAA, et certains serveurs de messagerie refusent ou gèrent mal les alias.",
				Remediation: "Faites pointer l'enregistrement MX vers le nom canonique auquel mène l'alias, ou remplacez le CNAME de {subject} par des enregistrements A et AAAA. Incrémentez ensuite le numéro de série du SOA et rechargez la zone.",
			},
		},
	})
	mxMissing = check.Register(check.Definition{
		ID:         "MX_MISSING",
		Category:   check.Content,
		Severity:   check.Info,
		References: []string{"RFC 5321 §5.1", "RFC 7505"},
		Zonemaster: []string{"ZONE09"},
		Details: map[string]check.Detail{"none": {
			Text: check.Langs("no MX record at {zone}", "ningún registro MX en {zone}",
				"nenhum registro MX em {zone}", "aucun enregistrement MX à {zone}"),
			Example: check.Args{"zone": "example.org."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "No MX record and no null MX",
				Message:     "The zone {subject} publishes no MX record ({detail}); senders then try to deliver mail to the apex's own addresses, and cannot tell whether the domain accepts mail.",
				Remediation: "If the domain receives mail, publish MX records naming its mail servers. If it never does, publish a null MX (RFC 7505): \"@ IN MX 0 .\", together with an SPF policy \"v=spf1 -all\", so that senders fail fast and forged mail from it is rejected.",
			},
			"es": {
				Title:       "Sin registro MX ni MX nulo",
				Message:     "La zona {subject} no publica ningún registro MX ({detail}); los remitentes intentan entonces entregar el correo a las direcciones del propio ápice y no pueden saber si el dominio acepta correo.",
				Remediation: "Si el dominio recibe correo, publique registros MX con sus servidores de correo. Si nunca lo recibe, publique un MX nulo (RFC 7505): \"@ IN MX 0 .\", junto con una política SPF \"v=spf1 -all\", para que los remitentes fallen de inmediato y se rechace el correo falsificado a su nombre.",
			},
			"pt": {
				Title:       "Sem registro MX nem MX nulo",
				Message:     "A zona {subject} não publica nenhum registro MX ({detail}); os remetentes tentam então entregar o e-mail aos endereços do próprio ápice e não conseguem saber se o domínio aceita e-mail.",
				Remediation: "Se o domínio recebe e-mail, publique registros MX com seus servidores de e-mail. Se nunca recebe, publique um MX nulo (RFC 7505): \"@ IN MX 0 .\", junto com uma política SPF \"v=spf1 -all\", para que os remetentes falhem de imediato e o e-mail falsificado em seu nome seja rejeitado.",
			},
			"fr": {
				Title:       "Aucun enregistrement MX ni MX nul",
				Message:     "La zone {subject} ne publie aucun enregistrement MX ({detail}) ; les expéditeurs tentent alors de livrer le courrier aux adresses de l'apex lui-même et ne peuvent pas savoir si le domaine accepte du courrier.",
				Remediation: "Si le domaine reçoit du courrier, publiez des enregistrements MX désignant ses serveurs de messagerie. S'il n'en reçoit jamais, publiez un MX nul (RFC 7505) : « @ IN MX 0 . », avec une politique SPF « v=spf1 -all », afin que les expéditeurs échouent aussitôt et que le courrier usurpant son nom soit rejeté.",
			},
		},
	})
	mxNameSyntax = check.Register(check.Definition{
		ID:         "MX_NAME_SYNTAX",
		Category:   check.Content,
		Severity:   check.Warning,
		References: []string{"RFC 1123 §2.1", "RFC 3696 §2", "RFC 5321 §2.3.5"},
		Zonemaster: []string{"SYNTAX08"},
		Details: map[string]check.Detail{"syntax": {
			Text: check.Langs("{target} is not a valid host name", "{target} no es un nombre de host válido",
				"{target} não é um nome de host válido", "{target} n'est pas un nom d'hôte valide"),
			Example: check.Args{"target": "mail_1.example.org."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "MX target is not a valid host name",
				Message:     "The mail exchanger {subject} named by the zone's MX records is not a valid host name ({detail}): host names use letters, digits and inner hyphens only, and mail servers may refuse to deliver to it.",
				Remediation: "Rename the mail host to a valid host name (letters, digits and hyphens, no underscore, no leading or trailing hyphen, a top label that is not all digits), give it A and AAAA records and point the MX record at it. Then increment the SOA serial and reload the zone.",
			},
			"es": {
				Title:       "El destino del MX no es un nombre de host válido",
				Message:     "El servidor de correo {subject} que nombran los registros MX de la zona no es un nombre de host válido ({detail}): los nombres de host usan solo letras, dígitos y guiones internos, y los servidores de correo pueden negarse a entregarle.",
				Remediation: "Cambie el nombre del host de correo por uno válido (letras, dígitos y guiones, sin guion bajo, sin guion al inicio ni al final, con una etiqueta final que no sea solo dígitos), dele registros A y AAAA y haga que el registro MX apunte a él. Luego incremente el serial del SOA y recargue la zona.",
			},
			"pt": {
				Title:       "O destino do MX não é um nome de host válido",
				Message:     "O servidor de e-mail {subject} nomeado pelos registros MX da zona não é um nome de host válido ({detail}): nomes de host usam apenas letras, dígitos e hífens internos, e servidores de e-mail podem se recusar a entregar a ele.",
				Remediation: "Renomeie o host de e-mail para um nome válido (letras, dígitos e hífens, sem sublinhado, sem hífen no início ou no fim, com um rótulo final que não seja só dígitos), dê a ele registros A e AAAA e faça o registro MX apontar para ele. Depois incremente o serial do SOA e recarregue a zona.",
			},
			"fr": {
				Title:       "La cible du MX n'est pas un nom d'hôte valide",
				Message:     "Le serveur de messagerie {subject} désigné par les enregistrements MX de la zone n'est pas un nom d'hôte valide ({detail}) : les noms d'hôte n'utilisent que des lettres, des chiffres et des traits d'union internes, et des serveurs de messagerie peuvent refuser de lui livrer du courrier.",
				Remediation: "Renommez l'hôte de messagerie avec un nom valide (lettres, chiffres et traits d'union, sans tiret bas, sans trait d'union au début ni à la fin, avec une étiquette finale qui ne soit pas uniquement numérique), donnez-lui des enregistrements A et AAAA et faites pointer l'enregistrement MX vers lui. Incrémentez ensuite le numéro de série du SOA et rechargez la zone.",
			},
		},
	})
	spfInvalid = check.Register(check.Definition{
		ID:         "SPF_INVALID",
		Category:   check.Content,
		Severity:   check.Error,
		References: []string{"RFC 7208 §4.5", "RFC 7208 §12"},
		Zonemaster: []string{"ZONE11"},
		Details: map[string]check.Detail{
			"several": {
				Text: check.Langs("{count} SPF policies (v=spf1 TXT records)", "{count} políticas SPF (registros TXT v=spf1)",
					"{count} políticas SPF (registros TXT v=spf1)", "{count} politiques SPF (enregistrements TXT v=spf1)"),
				Example: check.Args{"count": "2"},
			},
			"syntax": {
				Text: check.Langs("the term \"{term}\" does not parse", "el término \"{term}\" no es válido",
					"o termo \"{term}\" não é válido", "le terme « {term} » n'est pas valide"),
				Example: check.Args{"term": "ip4:192.0.2.300"},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "SPF policy invalid",
				Message:     "The SPF policy of {subject} cannot be used ({detail}); receivers treat it as a permanent error (RFC 7208 §4.5), so mail from the domain is not authenticated and may be rejected.",
				Remediation: "Publish exactly one TXT record starting with \"v=spf1\" at the apex, merging the mechanisms of several into one policy, and write every term as RFC 7208 §12 defines it (for example \"v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.net -all\"). Then increment the SOA serial, reload, and check the policy with an SPF validator.",
			},
			"es": {
				Title:       "Política SPF no válida",
				Message:     "La política SPF de {subject} no puede usarse ({detail}); los receptores la tratan como un error permanente (RFC 7208 §4.5), así que el correo del dominio no queda autenticado y puede ser rechazado.",
				Remediation: "Publique exactamente un registro TXT que empiece por \"v=spf1\" en el ápice, uniendo en una sola política los mecanismos de varias, y escriba cada término como lo define RFC 7208 §12 (por ejemplo \"v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.net -all\"). Luego incremente el serial del SOA, recargue la zona y verifique la política con un validador SPF.",
			},
			"pt": {
				Title:       "Política SPF inválida",
				Message:     "A política SPF de {subject} não pode ser usada ({detail}); os receptores a tratam como um erro permanente (RFC 7208 §4.5), então o e-mail do domínio não é autenticado e pode ser rejeitado.",
				Remediation: "Publique exatamente um registro TXT começando com \"v=spf1\" no ápice, juntando em uma só política os mecanismos de várias, e escreva cada termo como a RFC 7208 §12 o define (por exemplo \"v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.net -all\"). Depois incremente o serial do SOA, recarregue a zona e verifique a política com um validador SPF.",
			},
			"fr": {
				Title:       "Politique SPF invalide",
				Message:     "La politique SPF de {subject} est inutilisable ({detail}) ; les destinataires la traitent comme une erreur permanente (RFC 7208 §4.5), le courrier du domaine n'est donc pas authentifié et peut être rejeté.",
				Remediation: "Publiez exactement un enregistrement TXT commençant par « v=spf1 » à l'apex, en réunissant dans une seule politique les mécanismes de plusieurs, et écrivez chaque terme comme le définit la RFC 7208 §12 (par exemple « v=spf1 mx ip4:192.0.2.0/24 include:_spf.example.net -all »). Incrémentez ensuite le numéro de série du SOA, rechargez la zone et vérifiez la politique avec un validateur SPF.",
			},
		},
	})
	mnameIsCNAME = check.Register(check.Definition{
		ID:         "SOA_MNAME_IS_CNAME",
		Category:   check.Content,
		Severity:   check.Warning,
		References: []string{"RFC 1035 §3.3.13", "RFC 2181 §10.3"},
		Zonemaster: []string{"ZONE07"},
		Details: map[string]check.Detail{"alias": {
			Text: check.Langs("{mname} is an alias for {target}", "{mname} es un alias de {target}",
				"{mname} é um alias de {target}", "{mname} est un alias de {target}"),
			Example: check.Args{"mname": "primary.example.org.", "target": "ns1.example.net."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "SOA MNAME is an alias (CNAME)",
				Message:     "The primary server {subject} named in the zone's SOA (MNAME) is an alias ({detail}); the MNAME must be the host name of the primary server, which dynamic updates and NOTIFY rely on.",
				Remediation: "Set the SOA MNAME to the canonical host name of the primary server (the name the alias leads to) on the primary, increment the SOA serial and reload the zone.",
			},
			"es": {
				Title:       "El MNAME del SOA es un alias (CNAME)",
				Message:     "El servidor primario {subject} que nombra el SOA de la zona (MNAME) es un alias ({detail}); el MNAME debe ser el nombre de host del servidor primario, del que dependen las actualizaciones dinámicas y NOTIFY.",
				Remediation: "Ponga en el MNAME del SOA el nombre de host canónico del servidor primario (el nombre al que lleva el alias) en el primario, incremente el serial del SOA y recargue la zona.",
			},
			"pt": {
				Title:       "O MNAME do SOA é um alias (CNAME)",
				Message:     "O servidor primário {subject} nomeado no SOA da zona (MNAME) é um alias ({detail}); o MNAME deve ser o nome de host do servidor primário, do qual dependem as atualizações dinâmicas e o NOTIFY.",
				Remediation: "Coloque no MNAME do SOA o nome de host canônico do servidor primário (o nome ao qual o alias leva) no primário, incremente o serial do SOA e recarregue a zona.",
			},
			"fr": {
				Title:       "Le MNAME du SOA est un alias (CNAME)",
				Message:     "Le serveur primaire {subject} désigné dans le SOA de la zone (MNAME) est un alias ({detail}) ; le MNAME doit être le nom d'hôte du serveur primaire, dont dépendent les mises à jour dynamiques et NOTIFY.",
				Remediation: "Mettez dans le MNAME du SOA le nom d'hôte canonique du serveur primaire (le nom auquel mène l'alias) sur le primaire, incrémentez le numéro de série du SOA et rechargez la zone.",
			},
		},
	})
	mnameNotAuth = check.Register(check.Definition{
		ID:         "SOA_MNAME_NOT_AUTHORITATIVE",
		Category:   check.Content,
		Severity:   check.Warning,
		References: []string{"RFC 1035 §3.3.13", "RFC 1996 §2", "RFC 2136 §4"},
		Zonemaster: []string{"ZONE01"},
		Details: map[string]check.Detail{
			"not_fqdn": {
				Text: check.Langs("{mname} is a single label, not a fully qualified host name",
					"{mname} es una sola etiqueta, no un nombre de host completo",
					"{mname} é um único rótulo, não um nome de host completo",
					"{mname} est une seule étiquette, pas un nom d'hôte complet"),
				Example: check.Args{"mname": "ns1."},
			},
			"no_address": {
				Text: check.Langs("{mname} has no A or AAAA record", "{mname} no tiene registros A ni AAAA",
					"{mname} não tem registros A nem AAAA", "{mname} n'a aucun enregistrement A ni AAAA"),
				Example: check.Args{"mname": "primary.example.org."},
			},
			"not_authoritative": {
				Text: check.Langs("{mname} at {addresses} does not answer for the zone with authority",
					"{mname} en {addresses} no responde con autoridad por la zona",
					"{mname} em {addresses} não responde com autoridade pela zona",
					"{mname} à {addresses} ne répond pas avec autorité pour la zone"),
				Example: check.Args{"mname": "primary.example.org.", "addresses": "192.0.2.53"},
			},
			"no_response": {
				Text: check.Langs("{mname} at {addresses} does not answer", "{mname} en {addresses} no responde",
					"{mname} em {addresses} não responde", "{mname} à {addresses} ne répond pas"),
				Example: check.Args{"mname": "primary.example.org.", "addresses": "192.0.2.53"},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "SOA MNAME is not an authoritative server",
				Message:     "The primary server {subject} named in the zone's SOA (MNAME) cannot be the zone's primary ({detail}); dynamic updates (RFC 2136) and tools that look for the primary through the MNAME fail.",
				Remediation: "Set the SOA MNAME to the fully qualified host name of the server that holds the master copy of the zone (with a trailing dot in zone files: \"ns1.example.org.\"), make sure that name has A/AAAA records and that the server answers for the zone with authority, then increment the SOA serial and reload. A hidden primary may be named if it answers the zone's queries.",
			},
			"es": {
				Title:       "El MNAME del SOA no es un servidor autoritativo",
				Message:     "El servidor primario {subject} que nombra el SOA de la zona (MNAME) no puede ser el primario de la zona ({detail}); las actualizaciones dinámicas (RFC 2136) y las herramientas que buscan el primario a través del MNAME fallan.",
				Remediation: "Ponga en el MNAME del SOA el nombre de host completo del servidor que tiene la copia maestra de la zona (con punto final en los archivos de zona: \"ns1.example.org.\"), verifique que ese nombre tenga registros A/AAAA y que el servidor responda con autoridad por la zona; luego incremente el serial del SOA y recargue la zona. Puede nombrarse un primario oculto si responde las consultas de la zona.",
			},
			"pt": {
				Title:       "O MNAME do SOA não é um servidor autoritativo",
				Message:     "O servidor primário {subject} nomeado no SOA da zona (MNAME) não pode ser o primário da zona ({detail}); as atualizações dinâmicas (RFC 2136) e as ferramentas que buscam o primário pelo MNAME falham.",
				Remediation: "Coloque no MNAME do SOA o nome de host completo do servidor que tem a cópia mestra da zona (com ponto final nos arquivos de zona: \"ns1.example.org.\"), verifique que esse nome tenha registros A/AAAA e que o servidor responda com autoridade pela zona; depois incremente o serial do SOA e recarregue a zona. Um primário oculto pode ser nomeado se responder às consultas da zona.",
			},
			"fr": {
				Title:       "Le MNAME du SOA n'est pas un serveur faisant autorité",
				Message:     "Le serveur primaire {subject} désigné dans le SOA de la zone (MNAME) ne peut pas être le primaire de la zone ({detail}) ; les mises à jour dynamiques (RFC 2136) et les outils qui cherchent le primaire par le MNAME échouent.",
				Remediation: "Mettez dans le MNAME du SOA le nom d'hôte complet du serveur qui détient la copie maîtresse de la zone (avec un point final dans les fichiers de zone : « ns1.example.org. »), vérifiez que ce nom a des enregistrements A/AAAA et que le serveur répond avec autorité pour la zone, puis incrémentez le numéro de série du SOA et rechargez la zone. Un primaire caché peut être désigné s'il répond aux requêtes de la zone.",
			},
		},
	})
)
