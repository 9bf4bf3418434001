package zone

import "github.com/lac-dns-observatory/dnsobs/internal/check"

// The catalog entries of this area. The analysis that reports them is in
// zone.go; the subject and detail each one receives are listed in
// README.md.
var (
	soaRefreshLow = check.Register(check.Definition{
		ID:         "SOA_REFRESH_LOW",
		Category:   check.Zone,
		Severity:   check.Notice,
		References: []string{"RFC 1035 §3.3.13", "RFC 1912 §2.2", "RFC 1996"},
		Zonemaster: []string{"ZONE02"},
		Details: map[string]check.Detail{"refresh": {
			Text: check.Langs("refresh {refresh} s, below {limit} s, served by {addresses}",
				"refresh {refresh} s, menor que {limit} s, servido por {addresses}",
				"refresh {refresh} s, menor que {limit} s, servido por {addresses}",
				"refresh {refresh} s, inférieur à {limit} s, servi par {addresses}"),
			Example: check.Args{"refresh": "3600", "limit": "14400", "addresses": "192.0.2.1, 2001:db8::53"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "SOA refresh interval is short",
				Message:     "The SOA record of {subject} asks secondaries to poll the primary very often ({detail}).",
				Remediation: "Raise the refresh field of the SOA record to at least 14400 seconds (4 hours); RIPE-203 suggests 86400. With NOTIFY (RFC 1996) secondaries learn of changes at once, so a short refresh only adds load on the primary. Edit the SOA in the zone on the primary (the zone file, or your DNS provider's panel; in a zone signed inline, the unsigned zone), increase the serial, and reload (BIND: rndc reload <zone>; NSD: nsd-control reload <zone>; Knot: knotc zone-reload <zone>); the secondaries follow.",
			},
			"es": {
				Title:       "El intervalo refresh del SOA es corto",
				Message:     "El registro SOA de {subject} pide a los secundarios consultar al primario con mucha frecuencia ({detail}).",
				Remediation: "Aumente el campo refresh del registro SOA a 14400 segundos (4 horas) como mínimo; RIPE-203 sugiere 86400. Con NOTIFY (RFC 1996) los secundarios se enteran de los cambios de inmediato, así que un refresh corto solo agrega carga al primario. Edite el SOA en la zona del primario (el archivo de zona, o el panel de su proveedor DNS; en una zona firmada en línea, la zona sin firmar), incremente el serial y recargue (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>); los secundarios lo siguen.",
			},
			"pt": {
				Title:       "O intervalo refresh do SOA é curto",
				Message:     "O registro SOA de {subject} pede aos secundários que consultem o primário com muita frequência ({detail}).",
				Remediation: "Aumente o campo refresh do registro SOA para pelo menos 14400 segundos (4 horas); o RIPE-203 sugere 86400. Com NOTIFY (RFC 1996) os secundários ficam sabendo das mudanças na hora, então um refresh curto só aumenta a carga do primário. Edite o SOA na zona do primário (o arquivo de zona, ou o painel do seu provedor DNS; numa zona assinada em linha, a zona não assinada), incremente o serial e recarregue (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>); os secundários acompanham.",
			},
			"fr": {
				Title:       "L'intervalle refresh du SOA est court",
				Message:     "L'enregistrement SOA de {subject} demande aux secondaires d'interroger le primaire très souvent ({detail}).",
				Remediation: "Portez le champ refresh de l'enregistrement SOA à 14400 secondes (4 heures) au moins ; RIPE-203 suggère 86400. Avec NOTIFY (RFC 1996), les secondaires apprennent les changements aussitôt : un refresh court ne fait qu'ajouter de la charge au primaire. Modifiez le SOA dans la zone du primaire (le fichier de zone, ou l'interface de votre fournisseur DNS ; pour une zone signée à la volée, la zone non signée), augmentez le numéro de série et rechargez (BIND : rndc reload <zone> ; NSD : nsd-control reload <zone> ; Knot : knotc zone-reload <zone>) ; les secondaires suivent.",
			},
		},
	})
	soaRetryNotBelowRefresh = check.Register(check.Definition{
		ID:         "SOA_RETRY_NOT_BELOW_REFRESH",
		Category:   check.Zone,
		Severity:   check.Notice,
		References: []string{"RFC 1035 §3.3.13", "RFC 1912 §2.2"},
		Zonemaster: []string{"ZONE03"},
		Details: map[string]check.Detail{"retry": {
			Text: check.Langs("retry {retry} s, refresh {refresh} s, served by {addresses}",
				"retry {retry} s, refresh {refresh} s, servido por {addresses}",
				"retry {retry} s, refresh {refresh} s, servido por {addresses}",
				"retry {retry} s, refresh {refresh} s, servi par {addresses}"),
			Example: check.Args{"retry": "7200", "refresh": "3600", "addresses": "192.0.2.1"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "SOA retry interval is not shorter than refresh",
				Message:     "In the SOA record of {subject}, the retry interval is not shorter than the refresh interval ({detail}): a secondary that failed to reach the primary waits as long as, or longer than, between two successful checks.",
				Remediation: "Set the SOA retry field to a fraction of refresh (RFC 1912 §2.2), for example refresh 86400 and retry 7200, and keep retry at 3600 seconds or more. Edit the SOA in the zone on the primary (in a zone signed inline, the unsigned zone), increase the serial and reload the zone (BIND: rndc reload <zone>; NSD: nsd-control reload <zone>; Knot: knotc zone-reload <zone>).",
			},
			"es": {
				Title:       "El intervalo retry del SOA no es menor que refresh",
				Message:     "En el registro SOA de {subject}, el intervalo retry no es menor que el intervalo refresh ({detail}): un secundario que no logró contactar al primario espera lo mismo o más que entre dos verificaciones exitosas.",
				Remediation: "Fije el campo retry del SOA en una fracción de refresh (RFC 1912 §2.2), por ejemplo refresh 86400 y retry 7200, y mantenga retry en 3600 segundos o más. Edite el SOA en la zona del primario (en una zona firmada en línea, la zona sin firmar), incremente el serial y recargue la zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"pt": {
				Title:       "O intervalo retry do SOA não é menor que refresh",
				Message:     "No registro SOA de {subject}, o intervalo retry não é menor que o intervalo refresh ({detail}): um secundário que não conseguiu contatar o primário espera o mesmo ou mais do que entre duas verificações bem-sucedidas.",
				Remediation: "Defina o campo retry do SOA como uma fração de refresh (RFC 1912 §2.2), por exemplo refresh 86400 e retry 7200, e mantenha retry em 3600 segundos ou mais. Edite o SOA na zona do primário (numa zona assinada em linha, a zona não assinada), incremente o serial e recarregue a zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"fr": {
				Title:       "L'intervalle retry du SOA n'est pas plus court que refresh",
				Message:     "Dans l'enregistrement SOA de {subject}, l'intervalle retry n'est pas plus court que l'intervalle refresh ({detail}) : un secondaire qui n'a pas pu joindre le primaire attend autant, voire plus, qu'entre deux vérifications réussies.",
				Remediation: "Réglez le champ retry du SOA à une fraction de refresh (RFC 1912 §2.2), par exemple refresh 86400 et retry 7200, en gardant retry à 3600 secondes au moins. Modifiez le SOA dans la zone du primaire (pour une zone signée à la volée, la zone non signée), augmentez le numéro de série et rechargez la zone (BIND : rndc reload <zone> ; NSD : nsd-control reload <zone> ; Knot : knotc zone-reload <zone>).",
			},
		},
	})
	soaRetryLow = check.Register(check.Definition{
		ID:         "SOA_RETRY_LOW",
		Category:   check.Zone,
		Severity:   check.Notice,
		References: []string{"RFC 1035 §3.3.13", "RFC 1912 §2.2"},
		Zonemaster: []string{"ZONE04"},
		Details: map[string]check.Detail{"retry": {
			Text: check.Langs("retry {retry} s, below {limit} s, served by {addresses}",
				"retry {retry} s, menor que {limit} s, servido por {addresses}",
				"retry {retry} s, menor que {limit} s, servido por {addresses}",
				"retry {retry} s, inférieur à {limit} s, servi par {addresses}"),
			Example: check.Args{"retry": "600", "limit": "3600", "addresses": "192.0.2.1, 2001:db8::53"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "SOA retry interval is short",
				Message:     "The SOA record of {subject} makes secondaries retry a failed refresh very often ({detail}).",
				Remediation: "Raise the SOA retry field to at least 3600 seconds (1 hour; RIPE-203 suggests 7200), keeping it below refresh. A short retry multiplies the queries to a primary that is already failing. Edit the SOA in the zone on the primary (in a zone signed inline, the unsigned zone), increase the serial and reload the zone (BIND: rndc reload <zone>; NSD: nsd-control reload <zone>; Knot: knotc zone-reload <zone>).",
			},
			"es": {
				Title:       "El intervalo retry del SOA es corto",
				Message:     "El registro SOA de {subject} hace que los secundarios reintenten un refresh fallido con mucha frecuencia ({detail}).",
				Remediation: "Aumente el campo retry del SOA a 3600 segundos (1 hora) como mínimo (RIPE-203 sugiere 7200), manteniéndolo por debajo de refresh. Un retry corto multiplica las consultas a un primario que ya está fallando. Edite el SOA en la zona del primario (en una zona firmada en línea, la zona sin firmar), incremente el serial y recargue la zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"pt": {
				Title:       "O intervalo retry do SOA é curto",
				Message:     "O registro SOA de {subject} faz os secundários repetirem um refresh que falhou com muita frequência ({detail}).",
				Remediation: "Aumente o campo retry do SOA para pelo menos 3600 segundos (1 hora; o RIPE-203 sugere 7200), mantendo-o abaixo de refresh. Um retry curto multiplica as consultas a um primário que já está falhando. Edite o SOA na zona do primário (numa zona assinada em linha, a zona não assinada), incremente o serial e recarregue a zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"fr": {
				Title:       "L'intervalle retry du SOA est court",
				Message:     "L'enregistrement SOA de {subject} fait réessayer très souvent les secondaires après un refresh échoué ({detail}).",
				Remediation: "Portez le champ retry du SOA à 3600 secondes (1 heure) au moins (RIPE-203 suggère 7200), en le gardant inférieur à refresh. Un retry court multiplie les requêtes vers un primaire déjà en difficulté. Modifiez le SOA dans la zone du primaire (pour une zone signée à la volée, la zone non signée), augmentez le numéro de série et rechargez la zone (BIND : rndc reload <zone> ; NSD : nsd-control reload <zone> ; Knot : knotc zone-reload <zone>).",
			},
		},
	})
	soaExpireLow = check.Register(check.Definition{
		ID:         "SOA_EXPIRE_LOW",
		Category:   check.Zone,
		Severity:   check.Warning,
		References: []string{"RFC 1035 §3.3.13", "RFC 1912 §2.2"},
		Zonemaster: []string{"ZONE05"},
		Details: map[string]check.Detail{
			"low": {
				Text: check.Langs("expire {expire} s, below {limit} s, served by {addresses}",
					"expire {expire} s, menor que {limit} s, servido por {addresses}",
					"expire {expire} s, menor que {limit} s, servido por {addresses}",
					"expire {expire} s, inférieur à {limit} s, servi par {addresses}"),
				Example: check.Args{"expire": "86400", "limit": "604800", "addresses": "192.0.2.1"},
			},
			"below_refresh": {
				Text: check.Langs("expire {expire} s, below refresh {refresh} s, served by {addresses}",
					"expire {expire} s, menor que refresh {refresh} s, servido por {addresses}",
					"expire {expire} s, menor que refresh {refresh} s, servido por {addresses}",
					"expire {expire} s, inférieur à refresh {refresh} s, servi par {addresses}"),
				Example: check.Args{"expire": "1209600", "refresh": "2419200", "addresses": "192.0.2.1"},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "SOA expire interval is short",
				Message:     "The SOA record of {subject} makes secondaries stop serving the zone soon after they lose contact with the primary ({detail}).",
				Remediation: "Raise the SOA expire field to at least 604800 seconds (7 days), and above refresh; RFC 1912 suggests 2 to 4 weeks (1209600 to 2419200), RIPE-203 3600000. When the primary is down longer than expire, every secondary answers SERVFAIL and the whole zone disappears. Edit the SOA in the zone on the primary (in a zone signed inline, the unsigned zone), increase the serial and reload the zone (BIND: rndc reload <zone>; NSD: nsd-control reload <zone>; Knot: knotc zone-reload <zone>).",
			},
			"es": {
				Title:       "El intervalo expire del SOA es corto",
				Message:     "El registro SOA de {subject} hace que los secundarios dejen de servir la zona poco después de perder contacto con el primario ({detail}).",
				Remediation: "Aumente el campo expire del SOA a 604800 segundos (7 días) como mínimo, y por encima de refresh; el RFC 1912 sugiere de 2 a 4 semanas (1209600 a 2419200), RIPE-203 3600000. Si el primario está caído más tiempo que expire, todos los secundarios responden SERVFAIL y la zona entera desaparece. Edite el SOA en la zona del primario (en una zona firmada en línea, la zona sin firmar), incremente el serial y recargue la zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"pt": {
				Title:       "O intervalo expire do SOA é curto",
				Message:     "O registro SOA de {subject} faz os secundários pararem de servir a zona pouco depois de perderem contato com o primário ({detail}).",
				Remediation: "Aumente o campo expire do SOA para pelo menos 604800 segundos (7 dias), e acima de refresh; o RFC 1912 sugere de 2 a 4 semanas (1209600 a 2419200), o RIPE-203 3600000. Se o primário ficar fora do ar por mais tempo que expire, todos os secundários respondem SERVFAIL e a zona inteira desaparece. Edite o SOA na zona do primário (numa zona assinada em linha, a zona não assinada), incremente o serial e recarregue a zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"fr": {
				Title:       "L'intervalle expire du SOA est court",
				Message:     "L'enregistrement SOA de {subject} fait cesser le service de la zone par les secondaires peu après la perte de contact avec le primaire ({detail}).",
				Remediation: "Portez le champ expire du SOA à 604800 secondes (7 jours) au moins, et au-dessus de refresh ; la RFC 1912 suggère 2 à 4 semaines (1209600 à 2419200), RIPE-203 3600000. Si le primaire reste indisponible plus longtemps qu'expire, tous les secondaires répondent SERVFAIL et la zone entière disparaît. Modifiez le SOA dans la zone du primaire (pour une zone signée à la volée, la zone non signée), augmentez le numéro de série et rechargez la zone (BIND : rndc reload <zone> ; NSD : nsd-control reload <zone> ; Knot : knotc zone-reload <zone>).",
			},
		},
	})
	soaMinimumOutOfRange = check.Register(check.Definition{
		ID:         "SOA_MINIMUM_OUT_OF_RANGE",
		Category:   check.Zone,
		Severity:   check.Notice,
		References: []string{"RFC 1035 §3.3.13", "RFC 1912 §2.2", "RFC 2308 §4, §5"},
		Zonemaster: []string{"ZONE06"},
		Details: map[string]check.Detail{
			"low": {
				Text: check.Langs("minimum {minimum} s, below {limit} s, served by {addresses}",
					"minimum {minimum} s, menor que {limit} s, servido por {addresses}",
					"minimum {minimum} s, menor que {limit} s, servido por {addresses}",
					"minimum {minimum} s, inférieur à {limit} s, servi par {addresses}"),
				Example: check.Args{"minimum": "60", "limit": "300", "addresses": "192.0.2.1"},
			},
			"high": {
				Text: check.Langs("minimum {minimum} s, above {limit} s, served by {addresses}",
					"minimum {minimum} s, mayor que {limit} s, servido por {addresses}",
					"minimum {minimum} s, maior que {limit} s, servido por {addresses}",
					"minimum {minimum} s, supérieur à {limit} s, servi par {addresses}"),
				Example: check.Args{"minimum": "172800", "limit": "86400", "addresses": "192.0.2.1"},
			},
		},
		Text: map[string]check.Text{
			"en": {
				Title:       "SOA minimum (negative caching TTL) outside 300 to 86400 seconds",
				Message:     "The SOA minimum field of {subject}, which resolvers use as the time to cache a \"does not exist\" answer (RFC 2308), is out of the usual range ({detail}).",
				Remediation: "Set the SOA minimum field between 300 seconds (5 minutes) and 86400 seconds (1 day); RFC 2308 §5 suggests 1 to 3 hours (3600 to 10800). Too low, resolvers ask again for every missing name and load your servers; too high, a name you add stays invisible for as long to anyone who asked for it before. Note that resolvers cache a negative answer for the lower of this field and the SOA record's own TTL. Edit the SOA in the zone on the primary (in a zone signed inline, the unsigned zone), increase the serial and reload the zone (BIND: rndc reload <zone>; NSD: nsd-control reload <zone>; Knot: knotc zone-reload <zone>).",
			},
			"es": {
				Title:       "El minimum del SOA (TTL de caché negativa) está fuera de 300 a 86400 segundos",
				Message:     "El campo minimum del SOA de {subject}, que los resolvedores usan como tiempo de caché de una respuesta \"no existe\" (RFC 2308), está fuera del rango habitual ({detail}).",
				Remediation: "Fije el campo minimum del SOA entre 300 segundos (5 minutos) y 86400 segundos (1 día); el RFC 2308 §5 sugiere de 1 a 3 horas (3600 a 10800). Muy bajo, los resolvedores vuelven a preguntar por cada nombre inexistente y cargan sus servidores; muy alto, un nombre que usted agregue queda invisible ese tiempo para quien lo haya consultado antes. Los resolvedores guardan una respuesta negativa el menor entre este campo y el TTL del propio registro SOA. Edite el SOA en la zona del primario (en una zona firmada en línea, la zona sin firmar), incremente el serial y recargue la zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"pt": {
				Title:       "O minimum do SOA (TTL de cache negativo) está fora de 300 a 86400 segundos",
				Message:     "O campo minimum do SOA de {subject}, que os resolvedores usam como tempo de cache de uma resposta \"não existe\" (RFC 2308), está fora da faixa usual ({detail}).",
				Remediation: "Defina o campo minimum do SOA entre 300 segundos (5 minutos) e 86400 segundos (1 dia); o RFC 2308 §5 sugere de 1 a 3 horas (3600 a 10800). Baixo demais, os resolvedores perguntam de novo por cada nome inexistente e sobrecarregam seus servidores; alto demais, um nome que você adicionar fica invisível por esse tempo para quem o consultou antes. Os resolvedores guardam uma resposta negativa pelo menor entre este campo e o TTL do próprio registro SOA. Edite o SOA na zona do primário (numa zona assinada em linha, a zona não assinada), incremente o serial e recarregue a zona (BIND: rndc reload <zona>; NSD: nsd-control reload <zona>; Knot: knotc zone-reload <zona>).",
			},
			"fr": {
				Title:       "Le minimum du SOA (TTL du cache négatif) est hors de 300 à 86400 secondes",
				Message:     "Le champ minimum du SOA de {subject}, que les résolveurs prennent comme durée de cache d'une réponse « n'existe pas » (RFC 2308), sort de la plage habituelle ({detail}).",
				Remediation: "Réglez le champ minimum du SOA entre 300 secondes (5 minutes) et 86400 secondes (1 jour) ; la RFC 2308 §5 suggère 1 à 3 heures (3600 à 10800). Trop bas, les résolveurs redemandent chaque nom absent et chargent vos serveurs ; trop haut, un nom ajouté reste invisible aussi longtemps pour qui l'a demandé avant. Les résolveurs gardent une réponse négative le plus court de ce champ et du TTL de l'enregistrement SOA lui-même. Modifiez le SOA dans la zone du primaire (pour une zone signée à la volée, la zone non signée), augmentez le numéro de série et rechargez la zone (BIND : rndc reload <zone> ; NSD : nsd-control reload <zone> ; Knot : knotc zone-reload <zone>).",
			},
		},
	})
	soaMultiple = check.Register(check.Definition{
		ID:         "SOA_MULTIPLE",
		Category:   check.Zone,
		Severity:   check.Error,
		References: []string{"RFC 1035 §5.2", "RFC 2181 §6.1"},
		Zonemaster: []string{"ZONE10"},
		Details: map[string]check.Detail{"count": {
			Text: check.Langs("{count} SOA records in the answer", "{count} registros SOA en la respuesta",
				"{count} registros SOA na resposta", "{count} enregistrements SOA dans la réponse"),
			Example: check.Args{"count": "2"},
		}},
		Text: map[string]check.Text{
			"en": {
				Title:       "More than one SOA record",
				Message:     "The nameserver {subject} returns more than one SOA record for the zone ({detail}); a zone has exactly one.",
				Remediation: "Keep exactly one SOA record at the zone apex (RFC 1035 §5.2). Look in the zone on that server for a second SOA line (often a copy left by a merge of zone files, or an $INCLUDE that brings its own SOA), delete it, increase the serial of the one that stays and reload (BIND: rndc reload <zone>, after named-checkzone; NSD: nsd-control reload <zone>, after nsd-checkzone; Knot: knotc zone-reload <zone>, after kzonecheck). Standard servers refuse to load such a zone, so this server may run other software or an old copy: check what it serves after the fix.",
			},
			"es": {
				Title:       "Más de un registro SOA",
				Message:     "El servidor de nombres {subject} devuelve más de un registro SOA para la zona ({detail}); una zona tiene exactamente uno.",
				Remediation: "Deje exactamente un registro SOA en el ápice de la zona (RFC 1035 §5.2). Busque en la zona de ese servidor una segunda línea SOA (a menudo una copia que quedó al combinar archivos de zona, o un $INCLUDE que trae su propio SOA), elimínela, incremente el serial del que queda y recargue (BIND: rndc reload <zona>, tras named-checkzone; NSD: nsd-control reload <zona>, tras nsd-checkzone; Knot: knotc zone-reload <zona>, tras kzonecheck). Los servidores habituales se niegan a cargar una zona así, por lo que este servidor puede usar otro software o una copia antigua: verifique lo que sirve después de la corrección.",
			},
			"pt": {
				Title:       "Mais de um registro SOA",
				Message:     "O servidor de nomes {subject} retorna mais de um registro SOA para a zona ({detail}); uma zona tem exatamente um.",
				Remediation: "Mantenha exatamente um registro SOA no ápice da zona (RFC 1035 §5.2). Procure na zona desse servidor uma segunda linha SOA (muitas vezes uma cópia deixada ao combinar arquivos de zona, ou um $INCLUDE que traz o próprio SOA), apague-a, incremente o serial do que ficar e recarregue (BIND: rndc reload <zona>, após named-checkzone; NSD: nsd-control reload <zona>, após nsd-checkzone; Knot: knotc zone-reload <zona>, após kzonecheck). Os servidores comuns se recusam a carregar uma zona assim, então este servidor pode usar outro software ou uma cópia antiga: confira o que ele serve depois da correção.",
			},
			"fr": {
				Title:       "Plus d'un enregistrement SOA",
				Message:     "Le serveur de noms {subject} renvoie plus d'un enregistrement SOA pour la zone ({detail}) ; une zone en a exactement un.",
				Remediation: "Gardez exactement un enregistrement SOA à l'apex de la zone (RFC 1035 §5.2). Cherchez dans la zone de ce serveur une seconde ligne SOA (souvent une copie laissée par une fusion de fichiers de zone, ou un $INCLUDE qui apporte son propre SOA), supprimez-la, augmentez le numéro de série de celui qui reste et rechargez (BIND : rndc reload <zone>, après named-checkzone ; NSD : nsd-control reload <zone>, après nsd-checkzone ; Knot : knotc zone-reload <zone>, après kzonecheck). Les serveurs courants refusent de charger une telle zone : ce serveur utilise peut-être un autre logiciel ou une ancienne copie, vérifiez ce qu'il sert après la correction.",
			},
		},
	})
)
