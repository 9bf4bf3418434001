package nameserver

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The catalog entries of this area. The analysis that reports them is in
// nameserver.go; the subject of every finding is one server address with
// the NS names that lead to it ("ns1.example.org. 192.0.2.1").
var (
	nsUnreachable = check.Register(check.Definition{
		ID:         "NS_UNREACHABLE",
		Category:   check.Nameserver,
		Severity:   check.Error,
		References: []string{"RFC 1034 §4.1", "RFC 1035 §4.2"},
		Zonemaster: []string{"CONNECTIVITY01", "CN01_NO_RESPONSE_UDP"},
		Details: map[string]check.Detail{
			"silent": {
				Text: check.Langs("no response over UDP or TCP", "sin respuesta por UDP ni por TCP",
					"sem resposta por UDP nem por TCP", "aucune réponse en UDP ni en TCP"),
				Example: check.Args{},
			},
			"malformed": {
				// The parse error is the DNS library's own text: it stays in the
				// arguments and in English only.
				Text: check.Langs("no usable response over UDP or TCP: {error}", "ninguna respuesta utilizable por UDP ni por TCP: respuestas mal formadas",
					"nenhuma resposta utilizável por UDP nem por TCP: respostas malformadas", "aucune réponse exploitable en UDP ni en TCP : réponses mal formées"),
				Example: check.Args{"error": "dns: overflow unpacking uint16"},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameserver does not answer",
				Message:     "{subject} did not answer queries for the zone over UDP or over TCP ({detail}).",
				Remediation: "Check that the server is running and listening on this address, port 53, for both UDP and TCP (BIND: listen-on / listen-on-v6; NSD: ip-address; Knot: server.listen); that no firewall, ACL or rate limiter drops queries from the Internet; and that the address in the zone and in the glue is still the server's. If the address has been retired, remove it from the A/AAAA records of the NS name and from the glue at the parent, through your registrar.",
			},
			"es": {
				Title:       "El servidor de nombres no responde",
				Message:     "{subject} no respondió a consultas sobre la zona ni por UDP ni por TCP ({detail}).",
				Remediation: "Verifique que el servidor esté en ejecución y escuchando en esta dirección, puerto 53, tanto en UDP como en TCP (BIND: listen-on / listen-on-v6; NSD: ip-address; Knot: server.listen); que ningún firewall, ACL o limitador de tasa descarte consultas provenientes de Internet, y que la dirección publicada en la zona y en el glue siga siendo la del servidor. Si la dirección ya no se usa, elimínela de los registros A/AAAA del nombre NS y del glue en la zona padre, a través de su registrador.",
			},
			"pt": {
				Title:       "O servidor de nomes não responde",
				Message:     "{subject} não respondeu a consultas sobre a zona nem por UDP nem por TCP ({detail}).",
				Remediation: "Verifique se o servidor está em execução e escutando neste endereço, porta 53, tanto em UDP quanto em TCP (BIND: listen-on / listen-on-v6; NSD: ip-address; Knot: server.listen); se nenhum firewall, ACL ou limitador de taxa descarta consultas vindas da Internet; e se o endereço publicado na zona e no glue ainda é o do servidor. Se o endereço foi desativado, remova-o dos registros A/AAAA do nome NS e do glue na zona pai, por meio do seu registrador.",
			},
			"fr": {
				Title:       "Le serveur de noms ne répond pas",
				Message:     "{subject} n'a répondu aux requêtes pour la zone ni en UDP ni en TCP ({detail}).",
				Remediation: "Vérifiez que le serveur fonctionne et écoute sur cette adresse, port 53, en UDP comme en TCP (BIND : listen-on / listen-on-v6 ; NSD : ip-address ; Knot : server.listen) ; qu'aucun pare-feu, ACL ou limiteur de débit ne rejette les requêtes venant d'Internet ; et que l'adresse publiée dans la zone et dans la glue est toujours celle du serveur. Si l'adresse n'est plus utilisée, retirez-la des enregistrements A/AAAA du nom NS et de la glue dans la zone parente, via votre bureau d'enregistrement.",
			},
		},
	})
	nsLame = check.Register(check.Definition{
		ID:         "NS_LAME",
		Category:   check.Nameserver,
		Severity:   check.Error,
		References: []string{"RFC 1912 §2.8", "RFC 9499 §7"},
		Zonemaster: []string{"CONNECTIVITY01", "DELEGATION04", "CN01_MISSING_SOA_RECORD_UDP", "CN01_SOA_RECORD_NOT_AA_UDP", "CN01_UNEXPECTED_RCODE_SOA_QUERY_UDP"},
		Details: map[string]check.Detail{"lame": {
			Text: check.Langs("not authoritative for {zone}: {reason}", "sin autoridad para {zone}: {reason}",
				"sem autoridade para {zone}: {reason}", "sans autorité pour {zone} : {reason}"),
			Example: check.Args{"zone": "example.org.", "reason": "refused"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Lame delegation: server not authoritative",
				Message:     "{subject} is listed as a nameserver of the zone but does not answer for it authoritatively ({detail}).",
				Remediation: "Load the zone on this server as a primary or secondary (BIND: a zone statement of type primary or secondary; NSD and Knot: a zone: entry) and check that it answers SOA queries with the AA flag and the zone's SOA. If the server should no longer serve the zone, remove its name from the NS records at the zone apex and from the delegation at the parent, through your registrar. In the detail, refused usually means the zone is not configured; servfail that it failed to load or expired on a secondary; upward_referral that the server refers to the root or the parent instead.",
			},
			"es": {
				Title:       "Delegación defectuosa (lame): servidor no autoritativo",
				Message:     "{subject} figura como servidor de nombres de la zona pero no responde por ella con autoridad ({detail}).",
				Remediation: "Cargue la zona en este servidor como primaria o secundaria (BIND: una sentencia zone de tipo primary o secondary; NSD y Knot: una entrada zone:) y compruebe que responda a consultas SOA con el bit AA y el SOA de la zona. Si el servidor ya no debe servir la zona, quite su nombre de los registros NS en el ápice de la zona y de la delegación en la zona padre, a través de su registrador. En el detalle, refused suele indicar que la zona no está configurada; servfail, que no se pudo cargar o que expiró en un secundario; upward_referral, que el servidor remite a la raíz o a la zona padre.",
			},
			"pt": {
				Title:       "Delegação quebrada (lame): servidor não autoritativo",
				Message:     "{subject} consta como servidor de nomes da zona, mas não responde por ela com autoridade ({detail}).",
				Remediation: "Carregue a zona neste servidor como primária ou secundária (BIND: uma declaração zone do tipo primary ou secondary; NSD e Knot: uma entrada zone:) e confirme que ele responde a consultas SOA com o bit AA e o SOA da zona. Se o servidor não deve mais servir a zona, retire o nome dele dos registros NS no ápice da zona e da delegação na zona pai, por meio do seu registrador. No detalhe, refused costuma indicar que a zona não está configurada; servfail, que ela não carregou ou expirou em um secundário; upward_referral, que o servidor encaminha para a raiz ou para a zona pai.",
			},
			"fr": {
				Title:       "Délégation boiteuse : serveur ne faisant pas autorité",
				Message:     "{subject} figure parmi les serveurs de noms de la zone mais ne répond pas pour elle avec autorité ({detail}).",
				Remediation: "Chargez la zone sur ce serveur en primaire ou en secondaire (BIND : une déclaration zone de type primary ou secondary ; NSD et Knot : une entrée zone:) et vérifiez qu'il répond aux requêtes SOA avec le bit AA et le SOA de la zone. Si le serveur ne doit plus servir la zone, retirez son nom des enregistrements NS à l'apex de la zone et de la délégation dans la zone parente, via votre bureau d'enregistrement. Dans le détail, refused indique en général que la zone n'est pas configurée ; servfail, qu'elle n'a pas pu être chargée ou a expiré sur un secondaire ; upward_referral, que le serveur renvoie vers la racine ou la zone parente.",
			},
		},
	})
	nsNoTCP = check.Register(check.Definition{
		ID:         "NS_NO_TCP",
		Category:   check.Nameserver,
		Severity:   check.Error,
		References: []string{"RFC 7766 §5", "RFC 9210"},
		Zonemaster: []string{"CONNECTIVITY02", "CN02_NO_RESPONSE_TCP"},
		Details: map[string]check.Detail{"tcp": {
			Text:    check.Langs("no response over TCP", "sin respuesta por TCP", "sem resposta por TCP", "aucune réponse en TCP"),
			Example: check.Args{},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameserver does not answer over TCP",
				Message:     "{subject} answers over UDP but not over TCP ({detail}); truncated and large responses, DNSSEC and zone transfers depend on TCP.",
				Remediation: "Allow TCP port 53 to the server in every firewall, load balancer and DDoS filter on the path, and make sure the server accepts TCP (BIND and NSD do on every address they listen on; Knot: server.listen covers both transports; if connections are refused under load, raise tcp-clients in BIND or tcp-count in NSD). Test with: dig +tcp @<address> <zone> SOA.",
			},
			"es": {
				Title:       "El servidor de nombres no responde por TCP",
				Message:     "{subject} responde por UDP pero no por TCP ({detail}); las respuestas truncadas o grandes, DNSSEC y las transferencias de zona dependen de TCP.",
				Remediation: "Permita el puerto 53/TCP hacia el servidor en todo firewall, balanceador de carga y filtro anti-DDoS del camino, y verifique que el servidor acepte TCP (BIND y NSD lo hacen en todas las direcciones donde escuchan; en Knot, server.listen cubre ambos transportes; si rechaza conexiones bajo carga, aumente tcp-clients en BIND o tcp-count en NSD). Pruebe con: dig +tcp @<dirección> <zona> SOA.",
			},
			"pt": {
				Title:       "O servidor de nomes não responde por TCP",
				Message:     "{subject} responde por UDP, mas não por TCP ({detail}); respostas truncadas ou grandes, DNSSEC e transferências de zona dependem de TCP.",
				Remediation: "Libere a porta 53/TCP para o servidor em todo firewall, balanceador de carga e filtro anti-DDoS no caminho, e verifique se o servidor aceita TCP (BIND e NSD o fazem em todos os endereços em que escutam; no Knot, server.listen cobre os dois transportes; se ele recusar conexões sob carga, aumente tcp-clients no BIND ou tcp-count no NSD). Teste com: dig +tcp @<endereço> <zona> SOA.",
			},
			"fr": {
				Title:       "Le serveur de noms ne répond pas en TCP",
				Message:     "{subject} répond en UDP mais pas en TCP ({detail}) ; les réponses tronquées ou volumineuses, DNSSEC et les transferts de zone dépendent de TCP.",
				Remediation: "Autorisez le port 53/TCP vers le serveur dans chaque pare-feu, répartiteur de charge et filtre anti-DDoS sur le chemin, et vérifiez que le serveur accepte TCP (BIND et NSD le font sur toutes les adresses où ils écoutent ; pour Knot, server.listen couvre les deux transports ; s'il refuse des connexions sous charge, augmentez tcp-clients dans BIND ou tcp-count dans NSD). Testez avec : dig +tcp @<adresse> <zone> SOA.",
			},
		},
	})
	nsRecursive = check.Register(check.Definition{
		ID:         "NS_RECURSIVE",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 5358 §4"},
		Zonemaster: []string{"NAMESERVER01", "IS_A_RECURSOR"},
		Details: map[string]check.Detail{"recursion": {
			Text: check.Langs("answered a recursive query for a name outside its zones", "respondió una consulta recursiva por un nombre ajeno a sus zonas",
				"respondeu a uma consulta recursiva por um nome fora das suas zonas", "a répondu à une requête récursive pour un nom extérieur à ses zones"),
			Example: check.Args{},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameserver offers open recursion",
				Message:     "{subject} resolves names outside its own zones for any client ({detail}); open resolvers are abused for amplification attacks and cache poisoning.",
				Remediation: "Turn recursion off on authoritative servers (BIND: recursion no; or allow-recursion { none; };). NSD and Knot are authoritative-only and never recurse: if the server is one of them, look for a resolver sharing the address, such as Unbound or dnsmasq. If the same machine must also resolve for your own users, restrict it to their networks (BIND: allow-recursion and allow-query-cache; Unbound: access-control) or, better, move the resolver to a separate address.",
			},
			"es": {
				Title:       "El servidor de nombres ofrece recursión abierta",
				Message:     "{subject} resuelve nombres ajenos a sus propias zonas para cualquier cliente ({detail}); los resolutores abiertos se aprovechan para ataques de amplificación y de envenenamiento de caché.",
				Remediation: "Desactive la recursión en los servidores autoritativos (BIND: recursion no; o allow-recursion { none; };). NSD y Knot son solo autoritativos y nunca hacen recursión: si el servidor es uno de ellos, busque un resolutor que comparta la dirección, como Unbound o dnsmasq. Si la misma máquina también debe resolver para sus propios usuarios, limítela a sus redes (BIND: allow-recursion y allow-query-cache; Unbound: access-control) o, mejor aún, lleve el resolutor a una dirección distinta.",
			},
			"pt": {
				Title:       "O servidor de nomes oferece recursão aberta",
				Message:     "{subject} resolve nomes fora das suas próprias zonas para qualquer cliente ({detail}); resolvedores abertos são explorados em ataques de amplificação e de envenenamento de cache.",
				Remediation: "Desative a recursão nos servidores autoritativos (BIND: recursion no; ou allow-recursion { none; };). NSD e Knot são apenas autoritativos e nunca fazem recursão: se o servidor for um deles, procure um resolvedor que compartilhe o endereço, como Unbound ou dnsmasq. Se a mesma máquina também precisa resolver para os seus próprios usuários, restrinja-a às redes deles (BIND: allow-recursion e allow-query-cache; Unbound: access-control) ou, melhor ainda, mova o resolvedor para um endereço separado.",
			},
			"fr": {
				Title:       "Le serveur de noms offre une récursion ouverte",
				Message:     "{subject} résout pour n'importe quel client des noms extérieurs à ses propres zones ({detail}) ; les résolveurs ouverts sont détournés pour des attaques par amplification et l'empoisonnement de cache.",
				Remediation: "Désactivez la récursion sur les serveurs faisant autorité (BIND : recursion no; ou allow-recursion { none; };). NSD et Knot ne font qu'autorité et ne résolvent jamais : si le serveur est l'un d'eux, cherchez un résolveur qui partage l'adresse, comme Unbound ou dnsmasq. Si la même machine doit aussi résoudre pour vos propres utilisateurs, limitez-la à leurs réseaux (BIND : allow-recursion et allow-query-cache ; Unbound : access-control) ou, mieux, placez le résolveur sur une adresse distincte.",
			},
		},
	})
	nsAXFROpen = check.Register(check.Definition{
		ID:         "NS_AXFR_OPEN",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 5936 §5", "RFC 8945"},
		Zonemaster: []string{"NAMESERVER03"},
		Details: map[string]check.Detail{
			"zone": {
				Text: check.Langs("zone transfer of {zone} allowed", "transferencia de {zone} permitida",
					"transferência de {zone} permitida", "transfert de {zone} autorisé"),
				Example: check.Args{"zone": "example.org."},
			},
			"shared": {
				Text: check.Langs("zone transfer allowed (tried once per server, on {zone})", "transferencia permitida (probada una vez por servidor, con {zone})",
					"transferência permitida (testada uma vez por servidor, com {zone})", "transfert autorisé (essayé une fois par serveur, avec {zone})"),
				Example: check.Args{"zone": "example.net."},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "Zone transfer (AXFR) open to anyone",
				Message:     "{subject} hands the whole zone to any client that asks for a transfer ({detail}).",
				Remediation: "Allow transfers only to your secondaries, preferably authenticated with TSIG keys (RFC 8945). BIND: allow-transfer { key <key-name>; }; (or the secondaries' addresses) in options or in the zone statement; NSD: provide-xfr: <address> <key-name> in each zone; Knot: an acl with action: transfer and the secondaries' address and key, referenced from the zone. Then check that an AXFR from any other address is refused.",
			},
			"es": {
				Title:       "Transferencia de zona (AXFR) abierta a cualquiera",
				Message:     "{subject} entrega la zona completa a cualquier cliente que solicite una transferencia ({detail}).",
				Remediation: "Permita las transferencias solo hacia sus secundarios, de preferencia autenticadas con claves TSIG (RFC 8945). BIND: allow-transfer { key <nombre-de-clave>; }; (o las direcciones de los secundarios) en options o en la sentencia zone; NSD: provide-xfr: <dirección> <nombre-de-clave> en cada zona; Knot: una acl con action: transfer y la dirección y clave de los secundarios, referenciada desde la zona. Luego compruebe que se rechace un AXFR desde cualquier otra dirección.",
			},
			"pt": {
				Title:       "Transferência de zona (AXFR) aberta a qualquer um",
				Message:     "{subject} entrega a zona inteira a qualquer cliente que peça uma transferência ({detail}).",
				Remediation: "Permita transferências somente para os seus secundários, de preferência autenticadas com chaves TSIG (RFC 8945). BIND: allow-transfer { key <nome-da-chave>; }; (ou os endereços dos secundários) em options ou na declaração zone; NSD: provide-xfr: <endereço> <nome-da-chave> em cada zona; Knot: uma acl com action: transfer e o endereço e a chave dos secundários, referenciada pela zona. Depois, confirme que um AXFR a partir de qualquer outro endereço é recusado.",
			},
			"fr": {
				Title:       "Transfert de zone (AXFR) ouvert à tous",
				Message:     "{subject} livre la zone entière à tout client qui demande un transfert ({detail}).",
				Remediation: "N'autorisez les transferts que vers vos secondaires, de préférence authentifiés par des clés TSIG (RFC 8945). BIND : allow-transfer { key <nom-de-clé>; }; (ou les adresses des secondaires) dans options ou dans la déclaration zone ; NSD : provide-xfr: <adresse> <nom-de-clé> dans chaque zone ; Knot : une acl avec action: transfer et l'adresse et la clé des secondaires, référencée par la zone. Vérifiez ensuite qu'un AXFR depuis toute autre adresse est refusé.",
			},
		},
	})
	nsEDNSBroken = check.Register(check.Definition{
		ID:         "NS_EDNS_BROKEN",
		Category:   check.Nameserver,
		Severity:   check.Warning,
		References: []string{"RFC 6891 §6.1.3", "RFC 6891 §7", "DNS Flag Day 2020"},
		Zonemaster: []string{"NAMESERVER02", "NAMESERVER10", "NAMESERVER11", "EDNS_RESPONSE_WITHOUT_EDNS", "EDNS_VERSION_ERROR", "NO_EDNS_SUPPORT", "N10_EDNS_RESPONSE_ERROR", "N10_UNEXPECTED_RCODE", "N11_NO_EDNS", "N11_RETURNS_UNKNOWN_OPTION_CODE", "N11_UNEXPECTED_RCODE"},
		Details: map[string]check.Detail{"failed": {
			Text:    check.Langs("failed: {tests}", "falló: {tests}", "falhou: {tests}", "échec : {tests}"),
			Example: check.Args{"tests": "badvers, unknown_option"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "EDNS not handled correctly",
				Message:     "{subject} fails EDNS compliance probes ({detail}); resolvers may time out, fall back to TCP or give up on it.",
				Remediation: "Upgrade the DNS server software to a supported release and remove middleboxes that drop or rewrite EDNS (firewalls enforcing a 512-byte limit, old load balancers). The probes: plain = answers a query without EDNS; edns0 = answers an EDNS version 0 query with an OPT record; badvers = answers an unknown EDNS version with BADVERS; unknown_option = ignores an unknown option; do = echoes the DO bit; fits_1232 = keeps UDP answers within 1232 bytes or sets TC (BIND: edns-udp-size and max-udp-size 1232; NSD: ipv4-edns-size and ipv6-edns-size 1232; Knot: server.udp-max-payload 1232); tcp_fallback = serves a truncated answer in full over TCP.",
			},
			"es": {
				Title:       "EDNS no se maneja correctamente",
				Message:     "{subject} falla pruebas de conformidad EDNS ({detail}); los resolutores pueden agotar el tiempo de espera, recurrir a TCP o dejar de consultarlo.",
				Remediation: "Actualice el software del servidor DNS a una versión con soporte y retire los equipos intermedios que descartan o reescriben EDNS (firewalls que imponen un límite de 512 bytes, balanceadores antiguos). Las pruebas: plain = responde una consulta sin EDNS; edns0 = responde una consulta EDNS versión 0 con un registro OPT; badvers = responde BADVERS ante una versión EDNS desconocida; unknown_option = ignora una opción desconocida; do = devuelve el bit DO; fits_1232 = mantiene las respuestas UDP dentro de 1232 bytes o activa TC (BIND: edns-udp-size y max-udp-size 1232; NSD: ipv4-edns-size e ipv6-edns-size 1232; Knot: server.udp-max-payload 1232); tcp_fallback = entrega completa por TCP una respuesta truncada.",
			},
			"pt": {
				Title:       "EDNS não é tratado corretamente",
				Message:     "{subject} falha em testes de conformidade EDNS ({detail}); os resolvedores podem esgotar o tempo de espera, recorrer ao TCP ou deixar de consultá-lo.",
				Remediation: "Atualize o software do servidor DNS para uma versão com suporte e remova equipamentos intermediários que descartam ou reescrevem EDNS (firewalls que impõem um limite de 512 bytes, balanceadores antigos). Os testes: plain = responde a uma consulta sem EDNS; edns0 = responde a uma consulta EDNS versão 0 com um registro OPT; badvers = responde BADVERS a uma versão EDNS desconhecida; unknown_option = ignora uma opção desconhecida; do = devolve o bit DO; fits_1232 = mantém as respostas UDP dentro de 1232 bytes ou ativa TC (BIND: edns-udp-size e max-udp-size 1232; NSD: ipv4-edns-size e ipv6-edns-size 1232; Knot: server.udp-max-payload 1232); tcp_fallback = entrega completa por TCP uma resposta truncada.",
			},
			"fr": {
				Title:       "EDNS mal pris en charge",
				Message:     "{subject} échoue à des tests de conformité EDNS ({detail}) ; les résolveurs peuvent expirer, se replier sur TCP ou renoncer à l'interroger.",
				Remediation: "Mettez à jour le logiciel du serveur DNS vers une version maintenue et supprimez les équipements intermédiaires qui bloquent ou réécrivent EDNS (pare-feu imposant une limite de 512 octets, anciens répartiteurs de charge). Les tests : plain = répond à une requête sans EDNS ; edns0 = répond à une requête EDNS version 0 avec un enregistrement OPT ; badvers = répond BADVERS à une version EDNS inconnue ; unknown_option = ignore une option inconnue ; do = renvoie le bit DO ; fits_1232 = limite les réponses UDP à 1232 octets ou positionne TC (BIND : edns-udp-size et max-udp-size 1232 ; NSD : ipv4-edns-size et ipv6-edns-size 1232 ; Knot : server.udp-max-payload 1232) ; tcp_fallback = sert en entier sur TCP une réponse tronquée.",
			},
		},
	})
	nsSlow = check.Register(check.Definition{
		ID:         "NS_SLOW",
		Category:   check.Nameserver,
		Severity:   check.Notice,
		References: []string{"RSSAC047 v2 §5.2"},
		Details: map[string]check.Detail{
			"udp": {
				Text: check.Langs("median UDP {udp_median} > {udp_limit} (exchanges: {udp_samples})", "mediana UDP {udp_median} > {udp_limit} (intercambios: {udp_samples})",
					"mediana UDP {udp_median} > {udp_limit} (trocas: {udp_samples})", "médiane UDP {udp_median} > {udp_limit} (échanges : {udp_samples})"),
				Example: check.Args{"udp_median": "412ms", "udp_samples": "5", "udp_limit": "250ms"},
			},
			"tcp": {
				Text: check.Langs("median TCP {tcp_median} > {tcp_limit} (exchanges: {tcp_samples})", "mediana TCP {tcp_median} > {tcp_limit} (intercambios: {tcp_samples})",
					"mediana TCP {tcp_median} > {tcp_limit} (trocas: {tcp_samples})", "médiane TCP {tcp_median} > {tcp_limit} (échanges : {tcp_samples})"),
				Example: check.Args{"tcp_median": "1.2s", "tcp_samples": "2", "tcp_limit": "500ms"},
			},
			"both": {
				Text: check.Langs("median UDP {udp_median} > {udp_limit} (exchanges: {udp_samples}), median TCP {tcp_median} > {tcp_limit} (exchanges: {tcp_samples})",
					"mediana UDP {udp_median} > {udp_limit} (intercambios: {udp_samples}), mediana TCP {tcp_median} > {tcp_limit} (intercambios: {tcp_samples})",
					"mediana UDP {udp_median} > {udp_limit} (trocas: {udp_samples}), mediana TCP {tcp_median} > {tcp_limit} (trocas: {tcp_samples})",
					"médiane UDP {udp_median} > {udp_limit} (échanges : {udp_samples}), médiane TCP {tcp_median} > {tcp_limit} (échanges : {tcp_samples})"),
				Example: check.Args{"udp_median": "412ms", "udp_samples": "5", "udp_limit": "250ms", "tcp_median": "1.2s", "tcp_samples": "2", "tcp_limit": "500ms"},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "Slow responses",
				Message:     "The median round trip of {subject}'s answers during this measurement is above the RSSAC047 latency thresholds of 250 ms over UDP and 500 ms over TCP ({detail}): every answered exchange with the address counts, over each transport, not a single query.",
				Remediation: "Latency is measured from the observatory's vantage point: first confirm it from other networks (for example with RIPE Atlas). If it is confirmed, serve the zone from closer or better-connected locations, such as additional secondaries or an anycast DNS service present in the region, and check the server for overload (CPU, query backlog) and its path for congestion or packet loss.",
			},
			"es": {
				Title:       "Respuestas lentas",
				Message:     "La mediana del tiempo de ida y vuelta de las respuestas de {subject} durante esta medición supera los umbrales de latencia de RSSAC047: 250 ms por UDP y 500 ms por TCP ({detail}); cuentan todos los intercambios respondidos con la dirección en cada transporte, no una sola consulta.",
				Remediation: "La latencia se mide desde el punto de observación del observatorio: confírmela primero desde otras redes (por ejemplo, con RIPE Atlas). Si se confirma, sirva la zona desde ubicaciones más cercanas o mejor conectadas, como secundarios adicionales o un servicio DNS anycast con presencia en la región, y revise si el servidor está sobrecargado (CPU, cola de consultas) y si su camino presenta congestión o pérdida de paquetes.",
			},
			"pt": {
				Title:       "Respostas lentas",
				Message:     "A mediana do tempo de ida e volta das respostas de {subject} durante esta medição está acima dos limites de latência do RSSAC047: 250 ms por UDP e 500 ms por TCP ({detail}); contam todas as trocas respondidas com o endereço em cada transporte, não uma única consulta.",
				Remediation: "A latência é medida a partir do ponto de observação do observatório: confirme-a primeiro a partir de outras redes (por exemplo, com o RIPE Atlas). Se for confirmada, sirva a zona a partir de locais mais próximos ou mais bem conectados, como secundários adicionais ou um serviço DNS anycast com presença na região, e verifique se o servidor está sobrecarregado (CPU, fila de consultas) e se o caminho até ele tem congestionamento ou perda de pacotes.",
			},
			"fr": {
				Title:       "Réponses lentes",
				Message:     "Le temps aller-retour médian des réponses de {subject} pendant cette mesure dépasse les seuils de latence de RSSAC047 : 250 ms en UDP et 500 ms en TCP ({detail}) ; tous les échanges ayant reçu une réponse de l'adresse comptent, sur chaque transport, et non une seule requête.",
				Remediation: "La latence est mesurée depuis le point d'observation de l'observatoire : confirmez-la d'abord depuis d'autres réseaux (par exemple avec RIPE Atlas). Si elle se confirme, servez la zone depuis des emplacements plus proches ou mieux connectés, par exemple des secondaires supplémentaires ou un service DNS anycast présent dans la région, et vérifiez que le serveur n'est pas surchargé (CPU, file de requêtes) et que son chemin ne souffre pas de congestion ni de pertes de paquets.",
			},
		},
	})
	nsAddressNotGlobal = check.Register(check.Definition{
		ID:       "NS_ADDRESS_NOT_GLOBAL",
		Category: check.Nameserver,
		Severity: check.Error,
		References: []string{"RFC 6890", "IANA IPv4 Special-Purpose Address Registry",
			"IANA IPv6 Special-Purpose Address Registry", "RFC 1918", "RFC 4193"},
		Zonemaster: []string{"ADDRESS01", "A01_ADDR_NOT_GLOBALLY_REACHABLE", "A01_DOCUMENTATION_ADDR", "A01_LOCAL_USE_ADDR"},
		Details: map[string]check.Detail{"range": {
			// The range's name is IANA's, as the registry writes it.
			Text: check.Langs("{address} is in {prefix}, {range}", "{address} está en {prefix}, {range}",
				"{address} está em {prefix}, {range}", "{address} est dans {prefix}, {range}"),
			Example: check.Args{"address": "10.0.0.53", "prefix": "10.0.0.0/8", "range": "Private-Use"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "Nameserver address not reachable from the Internet",
				Message:     "{subject} is not a globally reachable address ({detail}): IANA's special-purpose address registries mark its range as not reachable from the Internet, so resolvers elsewhere cannot query it, and the observatory did not.",
				Remediation: "Replace this address in the A or AAAA records of the nameserver's name, and in the glue at the parent through your registrar when the name is inside the zone, with a public address where the server answers for the zone. Private, loopback, link-local, shared and documentation addresses only have a meaning inside one network: a server meant only for an internal network must not appear in the zone's public NS set.",
			},
			"es": {
				Title:       "Dirección de servidor de nombres no alcanzable desde Internet",
				Message:     "{subject} no es una dirección alcanzable globalmente ({detail}): los registros de direcciones de propósito especial de IANA indican que su rango no es alcanzable desde Internet, por lo que los resolutores de otras redes no pueden consultarla, y el observatorio no la consultó.",
				Remediation: "Reemplace esta dirección en los registros A o AAAA del nombre del servidor de nombres, y en el glue de la zona padre a través de su registrador cuando el nombre esté dentro de la zona, por una dirección pública donde el servidor responda por la zona. Las direcciones privadas, de loopback, de enlace local, compartidas y de documentación solo tienen sentido dentro de una red: un servidor destinado solo a una red interna no debe figurar en el conjunto NS público de la zona.",
			},
			"pt": {
				Title:       "Endereço de servidor de nomes inalcançável a partir da Internet",
				Message:     "{subject} não é um endereço alcançável globalmente ({detail}): os registros de endereços de uso especial da IANA indicam que sua faixa não é alcançável a partir da Internet, então resolvedores de outras redes não conseguem consultá-lo, e o observatório não o consultou.",
				Remediation: "Substitua este endereço nos registros A ou AAAA do nome do servidor de nomes, e no glue da zona pai por meio do seu registrador quando o nome estiver dentro da zona, por um endereço público onde o servidor responda pela zona. Endereços privados, de loopback, de enlace local, compartilhados e de documentação só têm sentido dentro de uma rede: um servidor destinado apenas a uma rede interna não deve aparecer no conjunto NS público da zona.",
			},
			"fr": {
				Title:       "Adresse de serveur de noms injoignable depuis Internet",
				Message:     "{subject} n'est pas une adresse joignable globalement ({detail}) : les registres d'adresses à usage spécial de l'IANA indiquent que sa plage n'est pas joignable depuis Internet ; les résolveurs d'autres réseaux ne peuvent donc pas l'interroger, et l'observatoire ne l'a pas interrogée.",
				Remediation: "Remplacez cette adresse dans les enregistrements A ou AAAA du nom du serveur de noms, et dans la glue de la zone parente via votre bureau d'enregistrement lorsque le nom est dans la zone, par une adresse publique où le serveur répond pour la zone. Les adresses privées, de bouclage, de lien local, partagées et de documentation n'ont de sens qu'à l'intérieur d'un réseau : un serveur destiné à un réseau interne seulement ne doit pas figurer dans l'ensemble NS public de la zone.",
			},
		},
	})
)
