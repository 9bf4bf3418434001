package delegation

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The catalog entries added for issue 14: the referral's size, glue the
// zone does not have, NS names without an address.
var (
	referralTooLarge = check.Register(check.Definition{
		ID:         "REFERRAL_TOO_LARGE",
		Category:   check.Delegation,
		Severity:   check.Warning,
		References: []string{"RFC 1035 §4.2.1", "RFC 9471"},
		Zonemaster: []string{"DELEGATION03"},
		Details: map[string]check.Detail{"size": {
			Text: check.Langs("a referral from {parent} for the longest name would take {size} octets",
				"una referencia de {parent} para el nombre más largo ocuparía {size} octetos",
				"uma referência de {parent} para o nome mais longo ocuparia {size} octetos",
				"une référence de {parent} pour le nom le plus long occuperait {size} octets"),
			Example: check.Args{"parent": "org.", "size": "530"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Referral does not fit in 512 octets",
				Message:     "The parent's referral to {subject}, with its NS records and one glue record of each address family, does not fit in a 512-octet response without EDNS ({detail}); resolvers without EDNS must retry over TCP.",
				Remediation: "Shorten the delegation: use fewer NS names (four to six are plenty), shorter NS names, or NS names that share a suffix so that name compression applies. Update the NS set at the parent through your registrar and the NS records at the zone apex together.",
			},
			"es": {
				Title:       "La referencia no cabe en 512 octetos",
				Message:     "La referencia de la zona padre hacia {subject}, con sus registros NS y un registro glue de cada familia de direcciones, no cabe en una respuesta de 512 octetos sin EDNS ({detail}); los resolutores sin EDNS deben reintentar por TCP.",
				Remediation: "Acorte la delegación: use menos nombres NS (de cuatro a seis bastan), nombres NS más cortos, o nombres NS que compartan un sufijo para que se aplique la compresión de nombres. Actualice juntos el conjunto NS en la zona padre, a través de su registrador, y los registros NS en el ápice de la zona.",
			},
			"pt": {
				Title:       "A referência não cabe em 512 octetos",
				Message:     "A referência da zona pai para {subject}, com seus registros NS e um registro glue de cada família de endereços, não cabe em uma resposta de 512 octetos sem EDNS ({detail}); resolvedores sem EDNS precisam repetir a consulta por TCP.",
				Remediation: "Encurte a delegação: use menos nomes NS (de quatro a seis bastam), nomes NS mais curtos, ou nomes NS que compartilhem um sufixo para que a compressão de nomes se aplique. Atualize juntos o conjunto NS na zona pai, por meio do seu registrador, e os registros NS no ápice da zona.",
			},
			"fr": {
				Title:       "La référence ne tient pas dans 512 octets",
				Message:     "La référence de la zone parente vers {subject}, avec ses enregistrements NS et un enregistrement de glue de chaque famille d'adresses, ne tient pas dans une réponse de 512 octets sans EDNS ({detail}) ; les résolveurs sans EDNS doivent réessayer en TCP.",
				Remediation: "Raccourcissez la délégation : utilisez moins de noms NS (quatre à six suffisent), des noms NS plus courts, ou des noms NS partageant un suffixe pour que la compression des noms s'applique. Mettez à jour ensemble l'ensemble NS de la zone parente, via votre bureau d'enregistrement, et les enregistrements NS à l'apex de la zone.",
			},
		},
	})
	glueNotInChild = check.Register(check.Definition{
		ID:         "GLUE_NOT_IN_CHILD",
		Category:   check.Delegation,
		Severity:   check.Error,
		References: []string{"RFC 1034 §4.2.1", "RFC 9471"},
		Zonemaster: []string{"DELEGATION07"},
		Details: map[string]check.Detail{"glue": {
			Text: check.Langs("{parent} gives glue {addresses} for {ns}, which has no A or AAAA in the zone",
				"{parent} da glue {addresses} para {ns}, que no tiene A ni AAAA en la zona",
				"{parent} dá glue {addresses} para {ns}, que não tem A nem AAAA na zona",
				"{parent} donne la glue {addresses} pour {ns}, qui n'a ni A ni AAAA dans la zone"),
			Example: check.Args{"parent": "org.", "addresses": "192.0.2.53", "ns": "ns1.example.org."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Glue for a name the zone does not have",
				Message:     "The parent's referral carries glue for the nameserver {subject}, inside the zone, but the zone's own servers give that name no address ({detail}); the glue outlives its purpose and will drift from what the zone says.",
				Remediation: "Either add A and AAAA records for {subject} to the zone, with the addresses registered as glue, then increment the SOA serial and reload; or, if {subject} is no longer a nameserver, remove it from the delegation and delete its host object (glue) at your registrar.",
			},
			"es": {
				Title:       "Glue para un nombre que la zona no tiene",
				Message:     "La referencia de la zona padre trae glue para el servidor de nombres {subject}, dentro de la zona, pero los servidores de la propia zona no dan ninguna dirección para ese nombre ({detail}); el glue queda sin respaldo y se desfasará de lo que dice la zona.",
				Remediation: "Agregue a la zona registros A y AAAA para {subject} con las direcciones registradas como glue, luego incremente el serial del SOA y recargue la zona; o bien, si {subject} ya no es servidor de nombres, quítelo de la delegación y elimine su objeto host (glue) en su registrador.",
			},
			"pt": {
				Title:       "Glue para um nome que a zona não tem",
				Message:     "A referência da zona pai traz glue para o servidor de nomes {subject}, dentro da zona, mas os servidores da própria zona não dão nenhum endereço para esse nome ({detail}); o glue fica sem respaldo e vai divergir do que a zona diz.",
				Remediation: "Adicione à zona registros A e AAAA para {subject} com os endereços cadastrados como glue, depois incremente o serial do SOA e recarregue a zona; ou, se {subject} não é mais servidor de nomes, retire-o da delegação e apague seu objeto host (glue) no seu registrador.",
			},
			"fr": {
				Title:       "Glue pour un nom absent de la zone",
				Message:     "La référence de la zone parente porte de la glue pour le serveur de noms {subject}, interne à la zone, mais les serveurs de la zone elle-même ne donnent aucune adresse pour ce nom ({detail}) ; la glue n'a plus d'appui et divergera de ce que dit la zone.",
				Remediation: "Ajoutez à la zone des enregistrements A et AAAA pour {subject} avec les adresses déclarées comme glue, puis incrémentez le numéro de série du SOA et rechargez la zone ; ou, si {subject} n'est plus serveur de noms, retirez-le de la délégation et supprimez son objet hôte (glue) auprès de votre bureau d'enregistrement.",
			},
		},
	})
	nsNameUnresolvable = check.Register(check.Definition{
		ID:         "NS_NAME_UNRESOLVABLE",
		Category:   check.Delegation,
		Severity:   check.Warning,
		References: []string{"RFC 1034 §4.2.1", "RFC 1035 §3.3.11"},
		Zonemaster: []string{"NAMESERVER06"},
		Details: map[string]check.Detail{
			"nxdomain": {
				Text: check.Langs("{ns} does not exist (NXDOMAIN)", "{ns} no existe (NXDOMAIN)",
					"{ns} não existe (NXDOMAIN)", "{ns} n'existe pas (NXDOMAIN)"),
				Example: check.Args{"ns": "ns1.example.net."},
			},
			"nodata": {
				Text: check.Langs("{ns} exists but has no A or AAAA record", "{ns} existe pero no tiene registros A ni AAAA",
					"{ns} existe, mas não tem registros A nem AAAA", "{ns} existe mais n'a aucun enregistrement A ni AAAA"),
				Example: check.Args{"ns": "ns1.example.net."},
			},
			"no_answer": {
				Text: check.Langs("no server answered for {ns}", "ningún servidor respondió por {ns}",
					"nenhum servidor respondeu por {ns}", "aucun serveur n'a répondu pour {ns}"),
				Example: check.Args{"ns": "ns1.example.net."},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameserver name has no address",
				Message:     "The nameserver name {subject} resolves to no IPv4 or IPv6 address ({detail}); resolvers cannot use it, and the zone has one server fewer than it seems.",
				Remediation: "Give {subject} A and AAAA records in its own zone (ask its operator if it is not yours), or replace it with a working nameserver in the zone's NS records and in the delegation at the parent, through your registrar.",
			},
			"es": {
				Title:       "El nombre del servidor de nombres no tiene dirección",
				Message:     "El nombre de servidor de nombres {subject} no resuelve a ninguna dirección IPv4 ni IPv6 ({detail}); los resolutores no pueden usarlo y la zona tiene un servidor menos de lo que aparenta.",
				Remediation: "Dé a {subject} registros A y AAAA en su propia zona (pídalo a su operador si no es suya), o reemplácelo por un servidor de nombres que funcione en los registros NS de la zona y en la delegación en la zona padre, a través de su registrador.",
			},
			"pt": {
				Title:       "O nome do servidor de nomes não tem endereço",
				Message:     "O nome de servidor de nomes {subject} não resolve para nenhum endereço IPv4 nem IPv6 ({detail}); os resolvedores não podem usá-lo e a zona tem um servidor a menos do que parece.",
				Remediation: "Dê a {subject} registros A e AAAA na sua própria zona (peça ao operador dela se não for sua), ou substitua-o por um servidor de nomes que funcione nos registros NS da zona e na delegação na zona pai, por meio do seu registrador.",
			},
			"fr": {
				Title:       "Le nom du serveur de noms n'a pas d'adresse",
				Message:     "Le nom de serveur de noms {subject} ne se résout en aucune adresse IPv4 ni IPv6 ({detail}) ; les résolveurs ne peuvent pas l'utiliser et la zone a un serveur de moins qu'il n'y paraît.",
				Remediation: "Donnez à {subject} des enregistrements A et AAAA dans sa propre zone (demandez-le à son opérateur si elle n'est pas la vôtre), ou remplacez-le par un serveur de noms qui fonctionne dans les enregistrements NS de la zone et dans la délégation de la zone parente, via votre bureau d'enregistrement.",
			},
		},
	})
)
