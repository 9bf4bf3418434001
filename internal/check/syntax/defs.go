package syntax

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The catalog entries of this area. The analysis that reports them is in
// syntax.go; the subject and detail each one receives are listed in
// README.md. The detail's problems are codes (check.Terms["problems"]).
var (
	domainNameSyntax = check.Register(check.Definition{
		ID:         "DOMAIN_NAME_SYNTAX",
		Category:   check.Syntax,
		Severity:   check.Error,
		References: []string{"RFC 1035 §2.3.1", "RFC 1123 §2.1", "RFC 3696 §2, §5", "RFC 5891 §4.2.3.1"},
		Zonemaster: []string{"SYNTAX01", "SYNTAX02", "SYNTAX03"},
		Details: map[string]check.Detail{"problems": {
			Text:    check.Langs("{problems}", "{problems}", "{problems}", "{problems}"),
			Example: check.Args{"problems": "hyphen_edge, double_hyphen"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "The domain name is not a valid host name",
				Message:     "The name {subject} is not a valid host name: {detail}.",
				Remediation: "A domain name that holds web, mail or other host records must use only letters, digits and hyphens, with no hyphen at the start or end of a label and no \"--\" in the third and fourth positions except in a valid A-label (an internationalised label, xn--...). Many resolvers, mail servers and registries refuse other names. Register and use a name that follows these rules (an internationalised name in its A-label form), move the zone's content to it, and let the old name expire; as a registry, refuse such names at registration.",
			},
			"es": {
				Title:       "El nombre de dominio no es un nombre de host válido",
				Message:     "El nombre {subject} no es un nombre de host válido: {detail}.",
				Remediation: "Un nombre de dominio con registros de web, correo u otros hosts debe usar solo letras, dígitos y guiones, sin guion al inicio ni al final de una etiqueta y sin \"--\" en las posiciones tercera y cuarta salvo en una A-label válida (una etiqueta internacionalizada, xn--...). Muchos resolvedores, servidores de correo y registros rechazan otros nombres. Registre y use un nombre que cumpla estas reglas (un nombre internacionalizado en su forma A-label), traslade a él el contenido de la zona y deje expirar el nombre antiguo; como registro, rechace estos nombres al registrarlos.",
			},
			"pt": {
				Title:       "O nome de domínio não é um nome de host válido",
				Message:     "O nome {subject} não é um nome de host válido: {detail}.",
				Remediation: "Um nome de domínio com registros de web, e-mail ou outros hosts deve usar só letras, dígitos e hífens, sem hífen no início ou no fim de um rótulo e sem \"--\" na terceira e quarta posições, salvo num A-label válido (um rótulo internacionalizado, xn--...). Muitos resolvedores, servidores de e-mail e registros recusam outros nomes. Registre e use um nome que siga essas regras (um nome internacionalizado na forma A-label), leve para ele o conteúdo da zona e deixe o nome antigo expirar; como registro, recuse esses nomes no momento do registro.",
			},
			"fr": {
				Title:       "Le nom de domaine n'est pas un nom d'hôte valide",
				Message:     "Le nom {subject} n'est pas un nom d'hôte valide : {detail}.",
				Remediation: "Un nom de domaine qui porte des enregistrements web, courriel ou d'autres hôtes ne doit employer que des lettres, des chiffres et des traits d'union, sans trait d'union au début ni à la fin d'un label et sans « -- » en troisième et quatrième positions sauf dans un A-label valide (un label internationalisé, xn--...). Beaucoup de résolveurs, de serveurs de courriel et de registres refusent les autres noms. Enregistrez et utilisez un nom conforme à ces règles (un nom internationalisé sous sa forme A-label), déplacez-y le contenu de la zone et laissez expirer l'ancien nom ; en tant que registre, refusez ces noms à l'enregistrement.",
			},
		},
	})
	nsNameSyntax = check.Register(check.Definition{
		ID:         "NS_NAME_SYNTAX",
		Category:   check.Syntax,
		Severity:   check.Error,
		References: []string{"RFC 952", "RFC 1123 §2.1", "RFC 2181 §11", "RFC 3696 §2, §5"},
		Zonemaster: []string{"SYNTAX04", "NAMESERVER_NON_ALLOWED_CHARS"},
		Details: map[string]check.Detail{"problems": {
			Text:    check.Langs("{problems}", "{problems}", "{problems}", "{problems}"),
			Example: check.Args{"problems": "illegal_char"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "A nameserver name is not a valid host name",
				Message:     "The nameserver name {subject} is not a valid host name: {detail}.",
				Remediation: "A nameserver is a host: its name must use only letters, digits and hyphens (no underscore, space or other character), with no hyphen at the start or end of a label, no \"--\" in the third and fourth positions except in a valid A-label, and a top-level label that is not all digits. Give the server a name that follows these rules (create its A and AAAA records, and glue at the parent for a name inside the zone), then replace the old name in the NS records at the zone apex and in the delegation at the parent (through your registrar or the registry). Some registries and resolvers refuse such names, and the delegation may not work everywhere meanwhile.",
			},
			"es": {
				Title:       "Un nombre de servidor de nombres no es un nombre de host válido",
				Message:     "El nombre de servidor de nombres {subject} no es un nombre de host válido: {detail}.",
				Remediation: "Un servidor de nombres es un host: su nombre debe usar solo letras, dígitos y guiones (sin guion bajo, espacio ni otro carácter), sin guion al inicio ni al final de una etiqueta, sin \"--\" en las posiciones tercera y cuarta salvo en una A-label válida, y con una etiqueta de primer nivel que no sea solo numérica. Dé al servidor un nombre que cumpla estas reglas (cree sus registros A y AAAA, y el glue en la zona padre para un nombre dentro de la zona) y luego reemplace el nombre antiguo en los registros NS del ápice de la zona y en la delegación en la zona padre (a través de su registrador o del registro). Algunos registros y resolvedores rechazan estos nombres, y mientras tanto la delegación puede no funcionar en todas partes.",
			},
			"pt": {
				Title:       "Um nome de servidor de nomes não é um nome de host válido",
				Message:     "O nome de servidor de nomes {subject} não é um nome de host válido: {detail}.",
				Remediation: "Um servidor de nomes é um host: seu nome deve usar só letras, dígitos e hífens (sem sublinhado, espaço ou outro caractere), sem hífen no início ou no fim de um rótulo, sem \"--\" na terceira e quarta posições salvo num A-label válido, e com um rótulo de primeiro nível que não seja só numérico. Dê ao servidor um nome que siga essas regras (crie seus registros A e AAAA, e o glue na zona pai para um nome dentro da zona) e depois substitua o nome antigo nos registros NS do ápice da zona e na delegação na zona pai (por meio do seu registrador ou do registro). Alguns registros e resolvedores recusam esses nomes, e enquanto isso a delegação pode não funcionar em todo lugar.",
			},
			"fr": {
				Title:       "Un nom de serveur de noms n'est pas un nom d'hôte valide",
				Message:     "Le nom de serveur de noms {subject} n'est pas un nom d'hôte valide : {detail}.",
				Remediation: "Un serveur de noms est un hôte : son nom ne doit employer que des lettres, des chiffres et des traits d'union (ni tiret bas, ni espace, ni autre caractère), sans trait d'union au début ni à la fin d'un label, sans « -- » en troisième et quatrième positions sauf dans un A-label valide, avec un label de premier niveau qui ne soit pas entièrement numérique. Donnez au serveur un nom conforme à ces règles (créez ses enregistrements A et AAAA, et la glue dans la zone parente pour un nom situé dans la zone), puis remplacez l'ancien nom dans les enregistrements NS à l'apex de la zone et dans la délégation de la zone parente (via votre bureau d'enregistrement ou le registre). Certains registres et résolveurs refusent ces noms, et la délégation peut entre-temps ne pas fonctionner partout.",
			},
		},
	})
	soaRNameSyntax = check.Register(check.Definition{
		ID:         "SOA_RNAME_SYNTAX",
		Category:   check.Syntax,
		Severity:   check.Warning,
		References: []string{"RFC 1035 §3.3.13, §8", "RFC 1912 §2.2", "RFC 5322 §3.4.1"},
		Zonemaster: []string{"SYNTAX05", "SYNTAX06", "RNAME_MISUSED_AT_SIGN"},
		Details: map[string]check.Detail{"rname": {
			Text:    check.Langs("{rname}: {problems}", "{rname}: {problems}", "{rname}: {problems}", "{rname} : {problems}"),
			Example: check.Args{"rname": "hostmaster\\@example.org.", "problems": "at_sign"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "The SOA RNAME is not a valid mailbox",
				Message:     "The contact mailbox in the SOA record of {subject} is not usable ({detail}).",
				Remediation: "The RNAME field writes the zone's contact mailbox as a domain name: its first dot stands for the @, so hostmaster@example.org is written hostmaster.example.org. (RFC 1035 §8; a dot inside the local part is escaped: john\\.doe.example.org.). Never write an @ there. Use a mailbox that exists and is read, whose domain part is a valid host name, put it in the SOA on the primary (the zone file, or your DNS provider's panel), increase the serial and reload the zone (BIND: rndc reload <zone>; NSD: nsd-control reload <zone>; Knot: knotc zone-reload <zone>).",
			},
			"es": {
				Title:       "El RNAME del SOA no es un buzón válido",
				Message:     "El buzón de contacto del registro SOA de {subject} no es utilizable ({detail}).",
				Remediation: "El campo RNAME escribe el buzón de contacto de la zona como un nombre de dominio: su primer punto hace las veces de la @, así que hostmaster@example.org se escribe hostmaster.example.org. (RFC 1035 §8; un punto dentro de la parte local se escapa: john\\.doe.example.org.). Nunca escriba una @ ahí. Use un buzón que exista y se lea, cuya parte de dominio sea un nombre de host válido, póngalo en el SOA del primario (el archivo de zona, o el panel de su proveedor DNS), incremente el serial y recargue la zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"pt": {
				Title:       "O RNAME do SOA não é uma caixa postal válida",
				Message:     "A caixa de contato do registro SOA de {subject} não é utilizável ({detail}).",
				Remediation: "O campo RNAME escreve a caixa de contato da zona como um nome de domínio: seu primeiro ponto faz o papel da @, então hostmaster@example.org se escreve hostmaster.example.org. (RFC 1035 §8; um ponto dentro da parte local é escapado: john\\.doe.example.org.). Nunca escreva uma @ ali. Use uma caixa que exista e seja lida, cuja parte de domínio seja um nome de host válido, coloque-a no SOA do primário (o arquivo de zona, ou o painel do seu provedor DNS), incremente o serial e recarregue a zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"fr": {
				Title:       "Le RNAME du SOA n'est pas une boîte aux lettres valide",
				Message:     "La boîte de contact de l'enregistrement SOA de {subject} n'est pas utilisable ({detail}).",
				Remediation: "Le champ RNAME écrit la boîte de contact de la zone comme un nom de domaine : son premier point tient lieu d'@, donc hostmaster@example.org s'écrit hostmaster.example.org. (RFC 1035 §8 ; un point dans la partie locale est échappé : john\\.doe.example.org.). N'y écrivez jamais d'@. Utilisez une boîte qui existe et qui est lue, dont la partie domaine est un nom d'hôte valide, mettez-la dans le SOA du primaire (le fichier de zone, ou l'interface de votre fournisseur DNS), augmentez le numéro de série et rechargez la zone (BIND : rndc reload <zone> ; NSD : nsd-control reload <zone> ; Knot : knotc zone-reload <zone>).",
			},
		},
	})
	soaMNameSyntax = check.Register(check.Definition{
		ID:         "SOA_MNAME_SYNTAX",
		Category:   check.Syntax,
		Severity:   check.Warning,
		References: []string{"RFC 1035 §3.3.13", "RFC 952", "RFC 1123 §2.1", "RFC 3696 §2, §5"},
		Zonemaster: []string{"SYNTAX07", "MNAME_NON_ALLOWED_CHARS"},
		Details: map[string]check.Detail{"mname": {
			Text:    check.Langs("{mname}: {problems}", "{mname}: {problems}", "{mname}: {problems}", "{mname} : {problems}"),
			Example: check.Args{"mname": "ns_1.example.org.", "problems": "illegal_char"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "The SOA MNAME is not a valid host name",
				Message:     "The primary server named in the SOA record of {subject} is not a valid host name ({detail}).",
				Remediation: "The MNAME field names the zone's primary server, a host: only letters, digits and hyphens, no hyphen at the start or end of a label, no \"--\" in the third and fourth positions except in a valid A-label, and a top-level label that is not all digits. Tools that send dynamic updates (RFC 2136) or decide where not to send NOTIFY (RFC 1996) read it. Put the real host name of the primary (or the name you publish for a hidden primary) in the SOA on the primary, increase the serial and reload the zone (BIND: rndc reload <zone>; NSD: nsd-control reload <zone>; Knot: knotc zone-reload <zone>).",
			},
			"es": {
				Title:       "El MNAME del SOA no es un nombre de host válido",
				Message:     "El servidor primario indicado en el registro SOA de {subject} no es un nombre de host válido ({detail}).",
				Remediation: "El campo MNAME indica el servidor primario de la zona, un host: solo letras, dígitos y guiones, sin guion al inicio ni al final de una etiqueta, sin \"--\" en las posiciones tercera y cuarta salvo en una A-label válida, y con una etiqueta de primer nivel que no sea solo numérica. Lo leen las herramientas que envían actualizaciones dinámicas (RFC 2136) o deciden a quién no enviar NOTIFY (RFC 1996). Ponga el nombre de host real del primario (o el nombre que publica para un primario oculto) en el SOA del primario, incremente el serial y recargue la zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"pt": {
				Title:       "O MNAME do SOA não é um nome de host válido",
				Message:     "O servidor primário indicado no registro SOA de {subject} não é um nome de host válido ({detail}).",
				Remediation: "O campo MNAME indica o servidor primário da zona, um host: só letras, dígitos e hífens, sem hífen no início ou no fim de um rótulo, sem \"--\" na terceira e quarta posições salvo num A-label válido, e com um rótulo de primeiro nível que não seja só numérico. Ele é lido pelas ferramentas que enviam atualizações dinâmicas (RFC 2136) ou decidem para quem não enviar NOTIFY (RFC 1996). Coloque o nome de host real do primário (ou o nome que você publica para um primário oculto) no SOA do primário, incremente o serial e recarregue a zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"fr": {
				Title:       "Le MNAME du SOA n'est pas un nom d'hôte valide",
				Message:     "Le serveur primaire nommé dans l'enregistrement SOA de {subject} n'est pas un nom d'hôte valide ({detail}).",
				Remediation: "Le champ MNAME nomme le serveur primaire de la zone, un hôte : seulement des lettres, des chiffres et des traits d'union, sans trait d'union au début ni à la fin d'un label, sans « -- » en troisième et quatrième positions sauf dans un A-label valide, avec un label de premier niveau qui ne soit pas entièrement numérique. Les outils qui envoient des mises à jour dynamiques (RFC 2136) ou choisissent à qui ne pas envoyer de NOTIFY (RFC 1996) le lisent. Mettez le vrai nom d'hôte du primaire (ou le nom publié pour un primaire caché) dans le SOA du primaire, augmentez le numéro de série et rechargez la zone (BIND : rndc reload <zone> ; NSD : nsd-control reload <zone> ; Knot : knotc zone-reload <zone>).",
			},
		},
	})
)
