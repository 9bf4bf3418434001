package address

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The catalog entries of this area. The analysis that reports them is in
// address.go; the subject and detail each one receives are listed in
// README.md.
var (
	nsNoReverse = check.Register(check.Definition{
		ID:         "NS_NO_REVERSE",
		Category:   check.Address,
		Severity:   check.Notice,
		References: []string{"RFC 1912 §2.1", "RFC 1035 §3.5"},
		Zonemaster: []string{"ADDRESS02"},
		Details: map[string]check.Detail{"none": {
			Text: check.Langs("no PTR record for {address} ({ns})", "ningún registro PTR para {address} ({ns})",
				"nenhum registro PTR para {address} ({ns})", "aucun enregistrement PTR pour {address} ({ns})"),
			Example: check.Args{"address": "192.0.2.53", "ns": "ns1.example.org."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameserver address without reverse DNS",
				Message:     "The nameserver address {subject} has no PTR record ({detail}); some networks filter or distrust traffic from addresses without reverse DNS, and operators lose an easy way to tell whose server it is.",
				Remediation: "Ask whoever holds the address block (your hosting provider or network operator, or your RIR's reverse delegation if it is yours) to publish a PTR record for {subject} in the in-addr.arpa or ip6.arpa zone, naming the nameserver's host name.",
			},
			"es": {
				Title:       "Dirección de servidor de nombres sin DNS inverso",
				Message:     "La dirección de servidor de nombres {subject} no tiene registro PTR ({detail}); algunas redes filtran o desconfían del tráfico de direcciones sin DNS inverso, y los operadores pierden una forma sencilla de saber de quién es el servidor.",
				Remediation: "Pida a quien tenga el bloque de direcciones (su proveedor de hospedaje u operador de red, o la delegación inversa de su RIR si el bloque es suyo) que publique un registro PTR para {subject} en la zona in-addr.arpa o ip6.arpa, con el nombre de host del servidor de nombres.",
			},
			"pt": {
				Title:       "Endereço de servidor de nomes sem DNS reverso",
				Message:     "O endereço de servidor de nomes {subject} não tem registro PTR ({detail}); algumas redes filtram ou desconfiam do tráfego de endereços sem DNS reverso, e os operadores perdem uma forma simples de saber de quem é o servidor.",
				Remediation: "Peça a quem detém o bloco de endereços (seu provedor de hospedagem ou operador de rede, ou a delegação reversa do seu RIR se o bloco for seu) que publique um registro PTR para {subject} na zona in-addr.arpa ou ip6.arpa, com o nome de host do servidor de nomes.",
			},
			"fr": {
				Title:       "Adresse de serveur de noms sans DNS inverse",
				Message:     "L'adresse de serveur de noms {subject} n'a pas d'enregistrement PTR ({detail}) ; certains réseaux filtrent ou se méfient du trafic d'adresses sans DNS inverse, et les opérateurs perdent un moyen simple de savoir à qui appartient le serveur.",
				Remediation: "Demandez au détenteur du bloc d'adresses (votre hébergeur ou opérateur réseau, ou la délégation inverse de votre RIR si le bloc est à vous) de publier un enregistrement PTR pour {subject} dans la zone in-addr.arpa ou ip6.arpa, portant le nom d'hôte du serveur de noms.",
			},
		},
	})
	nsReverseMismatch = check.Register(check.Definition{
		ID:         "NS_REVERSE_MISMATCH",
		Category:   check.Address,
		Severity:   check.Notice,
		References: []string{"RFC 1912 §2.1"},
		Zonemaster: []string{"ADDRESS03"},
		Details: map[string]check.Detail{"mismatch": {
			Text: check.Langs("{address} has PTR {ptr}, not {ns}", "{address} tiene PTR {ptr}, no {ns}",
				"{address} tem PTR {ptr}, não {ns}", "{address} a le PTR {ptr}, pas {ns}"),
			Example: check.Args{"address": "192.0.2.53", "ptr": "host-53.example.net.", "ns": "ns1.example.org."},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Reverse DNS does not name the nameserver",
				Message:     "The PTR records of the nameserver address {subject} do not include the nameserver's name ({detail}); RFC 1912 asks that a PTR match the host name, and a generic or stale name misleads whoever investigates the server.",
				Remediation: "Ask whoever holds the address block to set the PTR record of {subject} to the nameserver's host name (or add one with it), and make sure that name's A/AAAA records lead back to {subject}.",
			},
			"es": {
				Title:       "El DNS inverso no nombra al servidor de nombres",
				Message:     "Los registros PTR de la dirección de servidor de nombres {subject} no incluyen el nombre del servidor de nombres ({detail}); RFC 1912 pide que el PTR coincida con el nombre de host, y un nombre genérico u obsoleto confunde a quien investiga el servidor.",
				Remediation: "Pida a quien tenga el bloque de direcciones que ponga en el registro PTR de {subject} el nombre de host del servidor de nombres (o que agregue uno con él), y verifique que los registros A/AAAA de ese nombre lleven de vuelta a {subject}.",
			},
			"pt": {
				Title:       "O DNS reverso não nomeia o servidor de nomes",
				Message:     "Os registros PTR do endereço de servidor de nomes {subject} não incluem o nome do servidor de nomes ({detail}); a RFC 1912 pede que o PTR coincida com o nome de host, e um nome genérico ou desatualizado confunde quem investiga o servidor.",
				Remediation: "Peça a quem detém o bloco de endereços que coloque no registro PTR de {subject} o nome de host do servidor de nomes (ou que adicione um com ele), e verifique que os registros A/AAAA desse nome levem de volta a {subject}.",
			},
			"fr": {
				Title:       "Le DNS inverse ne nomme pas le serveur de noms",
				Message:     "Les enregistrements PTR de l'adresse de serveur de noms {subject} ne contiennent pas le nom du serveur de noms ({detail}) ; la RFC 1912 demande que le PTR corresponde au nom d'hôte, et un nom générique ou périmé induit en erreur qui enquête sur le serveur.",
				Remediation: "Demandez au détenteur du bloc d'adresses de mettre dans l'enregistrement PTR de {subject} le nom d'hôte du serveur de noms (ou d'en ajouter un qui le porte), et vérifiez que les enregistrements A/AAAA de ce nom ramènent à {subject}.",
			},
		},
	})
)
