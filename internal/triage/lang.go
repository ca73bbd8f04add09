package triage

// lang.go lets the English rules read reports written in Spanish, German,
// French, Portuguese and Italian. Rather than a second copy of every rule per
// language, it folds the text (lower case, accents removed) and adds short
// English glosses for the words that carry the decision: cannot, not
// working, down, errors, slow, wrong, missing, customers, all, urgent or
// not, planned maintenance, social talk, reminders, past incidents. The
// impact and chatter rules then run on the text plus its glosses, and their
// reasons quote the gloss ("mentions user impact: 'cannot use'").
//
// The tables hold ordinary vocabulary of each language, one entry per
// meaning; they are deliberately general (verb stems, common synonyms).

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// FoldText lower-cases s and strips diacritics ("Schlösser" ->
// "schlosser", "está caído" -> "esta caido"); "ß" becomes "ss". Other
// packages matching words across languages (known issues, stems) can use it
// so both sides of a comparison fold the same way.
func FoldText(s string) string {
	s = strings.ToLower(s)
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if base, ok := accentBase[r]; ok {
			b.WriteRune(base)
			continue
		}
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ß':
			b.WriteString("ss")
		case r == 'ſ': // the long s, which case-insensitive rules read as s
			b.WriteRune('s')
		case r == 'ø':
			b.WriteRune('o')
		case r == 'æ':
			b.WriteString("ae")
		case r == 'œ':
			b.WriteString("oe")
		case r == '’' || r == '‘':
			b.WriteRune('\'')
		case r == '¿' || r == '¡' || r == '«' || r == '»' || r == '„' || r == '“' || r == '”':
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// accentBase maps the accented Latin letters of the supported languages
// (and their neighbours) to their base letter.
var accentBase = func() map[rune]rune {
	m := map[rune]rune{}
	for base, accented := range map[rune]string{
		'a': "àáâãäåāăą", 'c': "çćč", 'e': "èéêëēėęě", 'i': "ìíîïīį", 'n': "ñńň", 'o': "òóôõöō",
		'u': "ùúûüūůű", 'y': "ýÿ", 's': "śšş", 'z': "źżž", 'l': "ł", 'd': "ď", 'r': "ř", 't': "ť",
	} {
		for _, r := range accented {
			m[r] = base
		}
	}
	return m
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// gloss is one meaning in the four languages and its English rendering.
type gloss struct {
	re      *regexp.Regexp
	english string
	// keep: leave the words for later glosses ("nobody" is also "all").
	keep bool
}

// glosses run in order over folded text; a match is blanked once glossed,
// a gloss with "$1" carries the matched numbers into English,
// so the more specific meaning ("will be unavailable", "not urgent") is
// taken before the general one ("unavailable", "urgent").
var glosses = []gloss{
	// ---- checked first: their words are read by later, broader glosses -
	{rx(`\b(?:no es urgente|nada urgente|sin prisa|no corre prisa|baja prioridad|nao e urgente|nada urgente|sem pressa|baixa prioridade|(?:ce n'est )?pas urgent\w*|rien d'urgent|pas presse|faible priorite|nicht dringend|keine eile|geen haast|no urgente|niet dringend|niedrige prioritat|hat zeit|non (?:e )?urgente|nessuna fretta|senza fretta|bassa priorita|non c'e fretta)\b`), "not urgent", false},
	{rx(`\b(?:bild|foto|titelbild|logo)\w* (?:\w+ ){0,4}?(?:gestaucht|verzerrt|abgeschnitten|unscharf)|\b(?:foto|fotos|immagin[ei]|imagen(?:es)?|imagens?|photos?) (?:[\w']+ ){0,8}?(?:scambiat[ei]|invertid[oa]s|intercambiad[oa]s|trocad[oa]s|inversee?s|vertauscht|verwisseld)`), "photos distorted or swapped", false},
	{rx(`\b(?:zu viel|doppelt|zweimal) (?:\w+ ){0,2}?(?:abgebucht|berechnet|belastet|eingezogen)|\b(?:rekent|rekenen|berekent) (?:\w+ ){0,4}?dubbele?|\bdubbel (?:afgeschreven|berekend|gerekend)|\bcobrad[oa]s? (?:de mas|dos veces|em dobro|duas vezes)|\bdebite\w* (?:deux fois|en double)`), "charged twice", false},
	{rx(`\b(?:pousse\w*|publie\w*|envoye\w*|subid[oa]s?|publicad[oa]s?|enviad[oa]s?|hochgeladen|gepusht|veroffentlicht|caricat[oi]|pubblicat[oi]) (?:\w+ ){0,3}?(?:dans|en|em|in|auf|su) (?:un|una|um|ein|einem|einen|uno) (?:depot|repositorio|repository|repo|bucket)\b(?: \w+)? (?:public|publico|offentlich\w*|pubblico)`), "pushed to a public repository", false},
	// Another customer's data shown, in the other languages.
	{rx(`\b(?:eines anderen kunden|einer anderen kundin|anderer kunden|fremde (?:rechnungen|daten|kundendaten|konten|bestellungen|vertrage)|de otro cliente|de otros clientes|d'un autre client|d'autres clients|de outro cliente|de outros clientes|di un altro cliente|di altri clienti|van een andere klant|van andere klanten)\b`), "shown another customer's data", false},
	// ---- planned work, future unavailability ----------------------------
	{rx(`\b(?:mantenimiento|manutencao|maintenance|wartung(?:sarbeiten)?) (?:programad[oa]|planificad[oa]|planead[oa]|planejad[oa]|agendad[oa]|prevu\w*|programme\w*|planifie\w*)\b|\b(?:geplante|planmassige|angekundigte) wartung\w*\b|\bwartungsfenster\b|\bventana de mantenimiento\b|\bjanela de manutencao\b|\bfenetre de maintenance\b|\bmanutenzione (?:programmata|pianificata|prevista)\b|\bfinestra di manutenzione\b|\b(?:migracion|migracao|migration|migrazione|actualizacion|atualizacao|mise a jour) (?:programad[oa]|planificad[oa]|planead[oa]|planejad[oa]|agendad[oa]|prevu\w*|programme\w*|planifie\w*|programmata|pianificata|prevista)\b|\b(?:geplante|angekundigte) (?:migration|umstellung|aktualisierung)\b|\bgeplande? (?:\w+ )?(?:onderhoud|migratie|werkzaamheden|update)\b|\bonderhoudsvenster\b`), "planned maintenance", false},
	{rx(`\b(?:estara|estaran|ficara|ficarao|estara|sera|seront|wird|werden|saranno|rimarra|rimarranno)\s+(?:\w+\s+){0,3}?(?:caid[oa]s?|fuera de servicio|no disponibles?|indisponi\w+|inaccessibles?|en panne|coupe\w*|fora do ar|offline|nicht (?:erreichbar|verfugbar)|non disponibil\w+|fuori servizio|spent[oi])`), "will be unavailable", false},
	{rx(`\b(?:caida|incidencia|incidente|interrupcion|panne|incident|queda|falha|ausfall\w*|storung\w*|vorfall\w*|guasto|disservizio|storing|uitval)\w* (?:\w+ ){0,5}?(?:de ayer|de ontem|d'hier|von gestern|di ieri|van gisteren)\b|\b(?:gestrige\w*|d'hier) (?:ausfall|storung|vorfall|panne)\w*`), "yesterday's outage", false},
	{rx(`\b(?:rien n'echoue|rien ne (?:tombe|plante)|nada falla|nichts (?:schlagt fehl|fallt aus)|nada falha|niente (?:fallisce|si rompe)|niets faalt)\b`), "nothing failing yet", false},
	{rx(`\b(?:sera|estara|wird|ficara|sara|zal)\b[^.;]{0,40}?\b(?:plein|llen[oa]|voll|chei[oa]|pien[oa]|vol)\b[^.;]{0,20}?\b(?:dans|en|in|em|tra|over) (?:environ |unos |etwa |cerca de |circa |ongeveer )?(\d+) (?:jours|dias|tagen|giorni|dagen)\b`), "will be full in $1 days", false},
	{rx(`\b(?:si riempira|se llenara|se remplira|wird voll|vai encher|ficara cheio|loopt vol|zapelni sie|dolacak)\b[^.;]{0,20}?\b(?:dans|en|in|em|tra|fra|over|za) (?:environ |unos |etwa |cerca de |circa |ongeveer |okolo )?(\d+) (?:jours|dias|tagen|giorni|dagen|dni|gun)\b`), "will be full in $1 days", false},
	{rx(`\b(?:prevision\w*|previsao|prognose|previsione|voorspelling)\b`), "forecast", false},
	{rx(`\b(?:alle andere|de andere|de overige) (?:\w+ ){0,3}?(?:normaal|gewoon|zonder problemen)\b`), "the rest works", false},
	{rx(`\b(?:leeg|leer|vaci[oa]s|vides|vazi[oa]s|vuot[oaie])\b`), "are completely empty", false},
	{rx(`\b(?:calcola|calcolano|calcula|calculan|calculam|calcule|calculent|berechnet|berekent)\b (?:\w+ )?(?:male|mal|falsch|verkeerd)\b`), "wrong data", false},
	// ---- whole statements, before their words are glossed one by one
	{rx(`\b(?:taux de (?:succes|reussite)|tasa de (?:exito|acierto)|erfolgs(?:quote|rate)|taxa de sucesso|tasso di successo|succespercentage)[^.;%]{0,60}?(\d+(?:[.,]\d+)?)\s*%`), "success rate $1%", false},
	{rx(`\b(?:habituellement|normalement|normalmente|habitualmente|normalerweise|ublicherweise|di solito|gewoonlijk|normaal|normal)\D{0,20}?(\d+(?:\.\d+)?)\s*%`), "usually $1%", false},
	{rx(`\b(?:foutpercentage|tasa de error(?:es)?|taux d'erreurs?|fehler(?:quote|rate)|taxa de erros?|tasso di errore)[^.;%]{0,60}?(\d+(?:[.,]\d+)?)\s*%`), "error rate $1%", false},
	{rx(`\b(?:alle|todos los|todas las|tous les|toutes les|todos os|todas as|tutti i|tutte le)\b[^.;]{0,60}?\b(?:schlagen fehl|scheitern|fallan|fallaron|echouent|ont echoue|falham|falharam|falliscono|sono falliti)\b`), "all failing", false},
	{rx(`\b(?:aucune? (?:erreur|panne|probleme|echec)s?|ningun (?:error|fallo|problema)|ningun[ao]s? (?:errores|fallos|problemas)|sin errores|nenhum (?:erro|problema|falha)|sem erros|keine (?:fehler|storung\w*|probleme)|kein (?:fehler|problem)|nessun (?:errore|problema|guasto)|senza errori|geen (?:fouten|storing\w*|problemen))\b`), "no errors", false},
	{rx(`\b(?:fehler|error(?:e|es)?|erreur|erro|fout|blad|hata|fel|chyba)\s*(5\d\d)\b`), "error $1", false},
	{rx(`\b(?:completement|totalmente|completamente|volledig|komplett|vollig|del tutto) (?:arrete\w*|parad[oa]s?|detenid[oa]s?|gestoppt|stillgelegt|ferm[oai]|bloccat\w+|gestopt|stilgevallen|bloquead\w+)\b`), "completely stopped", false},
	{rx(`\b(?:mal traduit\w*|mal traducid\w*|mal traduzid\w*|falsch ubersetzt|tradott\w+ male|verkeerd vertaald)\b`), "badly translated", false},
	{rx(`\b(?:peut attendre|puede esperar|pode esperar|kann warten|puo aspettare|kan wachten)\b`), "can wait", false},
	{rx(`\b(?:atascad\w+|bloquead\w+|travad\w+|coince\w*|bloque\w*|blockiert|hang\w*|bloccat\w+|vastgelopen|vast)\b[^.;]{0,50}?\b(?:desde|seit|depuis|sinds|gia da|hace|da (?:un'ora|\w+ ore|stamattina|ieri))`), "stuck since this morning", false},
	{rx(`\bgeen (?:\w+ ){0,2}meer\b`), "no longer working", false},
	{rx(`\bloopt (?:\w+ ){0,3}?achter\b|\bachterstand\b`), "delayed", false},
	{rx(`\b(?:verouderd|veraltet|desactualizad|desatualizad|obsolet[aeo]s?\b|non aggiornat)\w*`), "outdated", false},
	// Rows emptied or deleted, said in the other languages.
	{rx(`\b(?:svuotat[oaie]|vaciad[oa]s?|esvaziad[oa]s?|videes?|geleert|borrad[oa]s|eliminad[oa]s|supprimee?s|effacee?s|apagad[oa]s|excluid[oa]s|cancellat[ie]|eliminat[ie])\b`), "wiped the records", false},
	{rx(`\b(?:verdwenen|kwijt|zijn weg|sind weg|verschwunden)\b`), "lost records", false},
	{rx(`\balle\b[^.;]{0,60}?\b(?:mislukken|falen|mislukt)\b`), "all failing", false},
	{rx(`\b(?:les autres|los demas|las demas|los otros|las otras|os outros|as outras|die anderen|die ubrigen|gli altri|le altre|de andere|de overige) (?:\w+ ){0,2}?(?:fonctionnent|marchent|funcionan|funcionam|funktionieren|funzionano|werken|vont bien|estan bien|sind ok|sono ok)\b`), "the rest works", false},
	{rx(`\b(?:funcionan?|funcionam|fonctionnent|fonctionne|marchent|marche|funktionier\w*|laufen|lauft|funzionan[oa]|funziona|werken|werkt)\s+(?:con normalidad|normalmente|normalement|normal|regolarmente|normaal|sin problemas|sem problemas|sans probleme|ohne probleme|senza problemi|zonder problemen|bien|bem|gut|prima)\b`), "works normally", false},
	{rx(`\b(?:solo|so|nur|seulement|uniquement|alleen)\b[^.;]{0,30}?\b(?:equipo|equipe|team|personal|personale|staff|personeel|mitarbeiter\w*|empleados|funcionarios|dipendenti)\b|\b(?:utilise|usad[oa]|usat[oa]|benutzt|gebruikt) (?:\w+ )?(?:uniquement|solo|so|nur|alleen) (?:par|por|pel[oa]|da|dal|vom|von|door)\b`), "only used by the team", false},
	{rx(`\bweder\b[^.;]{0,60}?\bnoch\b|\bni\b[^.;]{0,40}?\bni\b|\bnem\b[^.;]{0,40}?\bnem\b`), "cannot use", false},
	{rx(`\b(?:aucun impact (?:client|utilisateur)s?|sin impacto (?:en|para|a) (?:los )?(?:clientes|usuarios)|ningun impacto|keine (?:kunden)?auswirkung\w*|sem impacto (?:para|nos) (?:os )?clientes|nessun impatto (?:sui|per i) clienti|geen impact op klanten)\b`), "no customer impact", false},
	{rx(`\b(?:ordini|dati|pedidos|datos|registros|commandes|donnees|bestellungen|daten|dados|registos)\w* (?:persi|perse|perdid[oa]s|perdu\w*|verloren\w*)\b`), "lost records", false},
	{rx(`\b(?:faltan|falta|fehlen|fehlt|manquent|manque|faltam|mancano|manca)\s+(?:\w+\s+){0,2}?(?:pedidos|ordenes|datos|resultados|bestellungen|daten|ergebnisse|commandes|donnees|resultats|dados|ordini|dati|risultati)\b`), "missing orders", false},
	{rx(`\b(?:sin|sem|ohne|sans|senza) (?:fotos|imagenes|imagens|bilder|photos|images|foto|immagini|datos|dados|daten|donnees|dati|resultados|resultats|risultati)\b`), "missing data", false},
	{rx(`\bdoppelte?\w* (?:termine|buchungen|eintrage|zahlungen)|\b(?:reservas|citas|pedidos|reservations|rendez-vous|prenotazioni|marcacoes|ordini|boekingen|reserveringen)\b[^.;,?]{0,40}?\b(?:duplicad\w+|en double|doublees|duplicat\w+|dubbel\w*)`), "duplicate bookings", false},
	{rx(`\b(?:prix|precios|preise|precos|prezzi|prijzen)\b[^.;]{0,20}?\b(?:a|de|von|em|di|van|zu)?\s*0(?:[.,]00)?\s*(?:€|eur|euros?)`), "zero amount", false},
	{rx(`\bnon (?:le |li |l')?(?:hanno |averl\w+ |avere )?ricevut\w*|\bno (?:las |los |lo |la )?(?:han |ha )?recibid\w*|\bnicht (?:erhalten|bekommen)\b|\bpas recu\w*|\bnao (?:as |os |o |a )?(?:receberam|recebeu|recebid\w+)`), "not received", false},
	{rx(`\b(?:colore|farbe|couleur|kleur)\b`), "colour", false},
	{rx(`\b(?:tippfehler\w*|schreibfehler\w*|rechtschreibfehler\w*|fautes? de frappe|fautes? d'orthographe|errores? tipograficos?|errores? de tipeo|erros? de digitacao|erros? ortografic\w+|errori? di battitura|refus[oi]|typfout\w*|spelfout\w*)\b`), "typo", false},
	{rx(`\b(?:rein |puramente |purement |puur |solo |nur )?(?:kosmetisch\w*|cosmetique\w*|cosmetic[oa]s?|cosmetisch\w*|estetic[oa])\b`), "cosmetic", false},
	{rx(`\b(?:niet (?:leverbaar|beschikbaar)|onbeschikbaar)\b`), "unavailable", false},
	{rx(`\b(?:en double|in doppio|em dobro|por duplicado|doppelt|dubbel|zweimal|al doble|el doble|dos veces|deux fois|duas vezes|due volte|dwa razy|iki kez|tva ganger)\b`), "in duplicate", false},
	{rx(`\b(?:pixelad\w+|borros\w+|desalinead\w+|verpixelt|unscharf|pixelise\w*|flou|floue|desfocad\w+|sgranat\w+)\b`), "cosmetic", false},
	{rx(`\b(?:datenverlust\w*|perdida de datos|perte de donnees|perda de dados|perdita di dati|gegevensverlies)\b`), "data loss", false},
	{rx(`\b(?:kein backup|sin copia de seguridad|sin backup|aucune sauvegarde|pas de sauvegarde|sem backup|nessun backup)\b`), "no backup", false},
	{rx(`\b(?:kunden|clientes|clients|utilisateurs|usuarios|utenti|clienti|klanten)\w* (?:sind |son |sont |sao |non sono |zijn )?(?:nicht betroffen|no (?:estan )?afectad\w+|non affecte\w*|pas affecte\w*|nao (?:foram )?afetad\w+|non (?:sono )?(?:interessat|coinvolt)\w+|niet getroffen)`), "no customer impact", false},
	{rx(`\b(?:interner?|internes|internen|internem|internas?|internos?|interne|intern)\b`), "internal", false},
	{rx(`\b(?:credenzial\w*|credenciales|credenciais|identifiants|zugangsdaten|passworter|contrasenas?|senhas?|chiavi|claves?)\b[^.;]{0,80}?\b(?:pubblic\w+|publica\w*|publique\w*|offentlich\w*|espost\w+|expuest\w+|expose\w*|expost\w+|geleakt|filtrad\w+|vazad\w+|trapelat\w+)`), "exposed credentials", false},
	{rx(`\b(?:een deel van|una parte de|une partie des?|ein teil der|uma parte d[oa]s?|una parte d(?:ei|elle|egli))\b`), "some users", false},
	{rx(`\b(?:la moitie|la mitad|die halfte|a metade|la meta|de helft)\b`), "half of the users", false},
	{rx(`\b(?:invece (?:che|di)|en lugar de|en vez de|au lieu de|anstatt|statt|em vez de|ao inves de|in plaats van)\b`), "wrong data", false},
	{rx(`\b(?:trocad[oa]s|intercambiad[oa]s|vertauscht|inverse[es]?|invertit[ie]|scambiat[ie]|mauvaise?s?|verkeerde?)\b`), "wrong data", false},
	{rx(`\b(?:datos|dados|donnees|daten|dati|gegevens) (?:de |d'|von |di |van )(?:ayer|ontem|hier|gestern|ieri|gisteren)\b|\b(?:dati vecchi|datos viejos|datos antiguos|alte daten|donnees anciennes|dados antigos|dati non aggiornati)\b|\b(?:affiche|affichent|muestra|muestran|zeigt|zeigen|mostra|mostram|mostrano) (?:encore|todavia|aun|immer noch|ainda|ancora)\b`), "still showing old data", false},
	{rx(`\b(?:il resto (?:del \w+ )?funziona|el resto (?:\w+ )?funciona|der rest (?:\w+ )?funktioniert|le reste (?:\w+ )?fonctionne|o resto (?:\w+ )?funciona)\b`), "the rest works", false},
	{rx(`\b(?:steeds|telkens|voortdurend|sigue|siguen|continua|continuam|continue|continuent|standig|immer wieder|sans arret|tout le temps|toda hora|todo el rato)\b[^.;]{0,30}?\b(?:fout\w*|storing\w*|error\w*|erro|erros|erreurs?|fehler\w*|errore|errori|falh\w+|fall\w+|plant\w*|crash\w*)`), "keeps failing", false},
	{rx(`\b(?:va in timeout|da timeout|entra en timeout|geht in (?:den )?timeout|fica em timeout|part en timeout|tombe en timeout)\b`), "keeps timing out", false},
	{rx(`\b(?:aucune donnee|keine daten|ningun dato|nenhum dado|nessun dato|geen gegevens)\w* (?:n'a ete |ont ete |wurden |se han |se ha |foi |foram |e stato |sono stati |zijn )?(?:perdu\w*|verloren|perdid\w*|pers[oia])\b`), "no data lost", false},
	{rx(`\b(?:keine daten|sin datos|aucune donnee|sem dados|nessun dato|geen gegevens)\b`), "missing data", false},
	{rx(`\b0 (?:errores|erreurs?|fehler|erros|errori|fouten|bledow|fel|chyb)\b`), "no errors", false},
	// Swedish, Danish, Czech, Romanian: losses, internal tools, urgency.
	{rx(`\b(?:forlorad\w*|mistet|mistede|ztracen\w*|pierdut\w*)\b`), "lost records", false},
	{rx(`\b(?:ingen backup|ingen sakerhetskopia|zadna zaloha|niciun backup|fara backup)\b`), "no backup", false},
	{rx(`\b(?:ar borta|er vaek|er forsvundet|jsou pryc|au disparut)\b`), "lost records", false},
	{rx(`\b(?:interni|interna|interne|intern)\b`), "internal", false},
	{rx(`\b(?:neni to urgentni|neni urgentni|inte bradskande|ikke akut|nu este urgent)\b`), "not urgent", false},
	{rx(`\b(?:zakaznici to nevidi|kunderna marker inget|kunderne marker ikke|clientii nu sunt afectati)\b`), "no customer impact", false},
	{rx(`\b(?:llegara|alcanzara|atingira|atteindra|erreicht|raggiungera|bereikt)\s+(?:al|a|o|les|den|il|de)?\s*100\s?%[^.;]{0,20}?\b(?:en|dans|in|em|tra|over)\s+(?:unos |environ |etwa |cerca de |circa |ongeveer )?(\d+)\s+(?:dias|jours|tagen|giorni|dagen)\b`), "will be full in $1 days", false},
	{rx(`\b(?:bucht|berechnet|belastet|cobra\w*|debite\w*|debita\w*|addebita\w*|factura\w*|fattura\w*)\b[^.]{0,40}?\b(?:doppelt|dos veces|deux fois|duas vezes|due volte|zweimal)\b`), "charged twice", false},
	// "kommen keine Codes an", "kommt nicht an": does not arrive.
	{rx(`\bkomm\w* (?:[\w-]+ ){0,6}?(?:keine?n?|nicht|nie) (?:[\w-]+ ){0,3}?an\b|\b(?:nicht|nie) (?:mehr )?angekommen\b`), "not arriving", false},
	// Others report the same: a second witness.
	{rx(`\bplusieurs (?:\w+ ){0,3}?nous (?:ecrivent|signalent|contactent|appellent)|\b(?:varios|varias|muchos|muchas) (?:\w+ ){0,3}?(?:reportan|escriben|dicen lo mismo|se quejan)|\bbei (?:zwei|drei|mehreren|einigen|vielen) (?:\w+ ){0,2}?auch\b|\b(?:varios|varias|muitos|muitas) (?:\w+ ){0,3}?(?:relatam|reclamam|dizem o mesmo)\b`), "others report the same", false},
	// "no deja reservar", "não deixa pagar": the app does not let people.
	{rx(`\bno (?:me |nos |te |les |le )?deja\w*|\bnao (?:me |nos |te )?deixa\w*|\bne (?:me |nous |vous )?laisse\w* pas\b|\bnon (?:mi |ci |ti )?(?:fa|lascia)\b|\blasst (?:mich |uns |einen )?nicht\b`), "cannot use", false},
	// Polish, Swedish, Danish, Czech, Romanian: does not work, arrive, save.
	{rx(`\bnie (?:dziala\w*|zapisuje\w*|laduje\w*|wysyla\w*|otwiera\w*|pokazuje\w*|przychodz\w*|mozna|da sie)\b|\b(?:kommer inte fram|fungerar inte|funkar inte|gar inte att|virker ikke|kommer ikke frem|nefunguje|nejde|nu functioneaza|nu merge|nu se poate)\b`), "not working", false},
	{rx(`\b(?:pozostale|ostatni[ea]?|ovriga|de andra|de ovrige|resten|celelalte|restul)\b[^.;]{0,40}?\b(?:pracuj\w*|dzial\w*|funguj\w*|fungerar|funkar|virker|functioneaza|merg\w*|normalnie|normalt|normalne|normal)\b`), "the rest works", false},
	// Charged twice, exposed without authentication, downloaded from
	// outside, deleted and lost: Spanish to Turkish.
	{rx(`\b(?:cobro duplicado|cobros duplicados|cargo duplicado|cargos duplicados|cobrad[oa]s? dos veces|cobranca duplicada|cobrad[oa]s? duas vezes|doppelte abbuchung\w*|doppelt abgebucht|prelevement en double|debite\w* deux fois|addebito doppio|addebitat\w* due volte|dubbel afgeschreven|dwukrotnie obciazon\w*|iki kez cekil\w*)\b`), "charged twice", false},
	{rx(`\b(?:sem autenticacao|sin autenticacion|ohne authentifizierung|sans authentification|senza autenticazione|zonder authenticatie|bez uwierzytelniania|kimlik dogrulamasiz)\b`), "without authentication", false},
	{rx(`\b(?:ips? extern[oa]s|ip externas|externen ips?|ips? externes|ip esterni|externe ips?|zewnetrznych adresow ip|zewnetrznych ip|dis ip)\b`), "downloads from external ips", false},
	{rx(`\b(?:exposto publicamente|expuest[oa] publicamente|expose\w* publiquement|offentlich (?:zuganglich|einsehbar|lesbar|abrufbar)|ohne (?:anmeldung|authentifizierung|login|passwort) (?:\w+ )?(?:abrufbar|zuganglich|einsehbar|lesbar)|sin (?:autenticacion|contrasena|login) (?:\w+ )?(?:accesibles?|legibles?|descargables?)|sans (?:authentification|mot de passe|connexion) (?:\w+ )?(?:accessibles?|lisibles?|telechargeables?)|sem (?:autenticacao|senha|login) (?:\w+ )?(?:acessive(?:l|is)|legive(?:l|is))|esposto pubblicamente|publicznie dostepn\w*|herkese acik)\b`), "publicly exposed", false},
	{rx(`\b(?:wyciek danych|wyciek|veri sizintisi)\b`), "data leak", false},
	{rx(`\b(?:silinmis|silindi|usunie\w*|skasowan\w*)\b`), "wiped the records", false},
	{rx(`\b(?:geri yuklenemiyor|kurtarilamiyor|nie da sie odzyskac|nie mozna przywrocic)\b`), "cannot be restored", false},
	{rx(`\b(?:kayboldu|kayip|tamamen gitti|zaginel\w*|utracon\w*)\b`), "lost records", false},
	// Separable and whole statements: rejects, not a single one, cannot be
	// recovered, not affected.
	{rx(`\blehnt\b[^.;]{0,60}?\bab\b|\blehnen\b[^.;]{0,60}?\bab\b`), "rejected", false},
	{rx(`\b(?:keine einzige|kein einziger|keinen einzigen|pas une seule|pas un seul|ni una sola|ni un solo|nem uma so|nem um so|nessuna|neanche una|geen enkele|ani jednej|ani jednego)\b`), "not a single", false},
	{rx(`\bzero (?:paiements?|pagos?|pagamentos?|zahlungen|commandes|pedidos|bestellungen|ventes|ventas|vendas|entrees|sorties|reservations)\b`), "zero payments", false},
	{rx(`\b(?:nao tem como ser recuperad\w*|nao (?:podem|pode) ser recuperad\w*|no se pueden recuperar|no se puede recuperar|ne peuvent pas etre recupere\w*|ne peut pas etre recupere\w*|nicht wiederherstell\w*|nicht wiederhergestellt werden|non (?:possono|puo) essere recuperat\w*|niet (?:te )?herstell\w*)\b`), "cannot be restored", false},
	{rx(`\b(?:ne sont pas|n'est pas|no (?:se )?(?:ven|estan|esta)|nao (?:foram|sao|estao)|sind nicht|ist nicht|non sono|niet) (?:touche|affecte|impacte|afectad|afetad|betroffen|toccat|interessat|getroffen)\w*`), "customers are not affected", false},
	{rx(`\b(?:ztratil\w*|ztratily)\b`), "lost records", false},
	{rx(`\b(?:zaloha neexistuje|neni zaloha|bez zalohy)\b`), "no backup", false},
	// Customers complaining, in the other languages.
	{rx(`\b(?:clientes?|kunden|clients?|klanten|clienti|kunderna|kunder)\b[^.;]{0,20}?\b(?:reclam\w+|se quejan|quejandose|beschwer\w+|se plaign\w+|klagen|klaagt|klagar|lamentan\w*|si lamenta\w*)|\b(?:se han quejado|ya se quejaron|se sont plaints?|haben sich beschwert)\b`), "customers complaining", false},
	// ---- urgency, denied first -----------------------------------------
	{rx(`\b(?:urgente|urgentes|dringend|sofort|inmediatamente|imediatamente|immediatement|au plus vite|lo antes posible|o mais rapido|subito)\b`), "urgent", false},
	// ---- cannot --------------------------------------------------------
	{rx(`\b(?:ningun\w*|nadie|nenhum\w*|ninguem|aucun\w*|niemand|kein\w*|nessun\w*)\b[^.;!?]{0,40}?\b(?:puede|pueden|consigue\w*|logra\w*|pode|podem|peu[tx]|peuvent|parvien\w+|kann|konnen|puo|possono|riesc\w+)\b`), "cannot use", true},
	{rx(`\bno (?:se )?(?:puede|pueden|podemos|puedo|consigue|consiguen|logra|logran)\b|\bnao (?:se )?(?:pode|podem|podemos|consegue|conseguem|consigo|conseguimos)\b|\b(?:ne|n')\s*(?:peu[tx]|peuvent|pouvons|pouvez|arrive|arrivent|parvien\w+)\s+(?:pas|plus)\b|\bimpossible d[e']|\bnon (?:si )?(?:riesc\w+|riusc\w+|puo|possono|posso|possiamo|e possibile)\b|\bimpossibile\b|\b(?:impossible|imposible|impossivel|unmoglich)\b|\b(?:kann|konnen|konnte|konnten|kannst|lasst sich|lassen sich)\b[^.;!?]{0,60}?\b(?:nicht|keine?[nmrs]?)\b`), "cannot use", false},
	// ---- not working / stopped -----------------------------------------
	{rx(`\b(?:no|nao) (?:esta|estan|estao|estamos|tao|ta) (?:a )?\w+(?:ando|iendo|endo|indo)\b|\bnao (?:esta|estao|estamos) a \w+(?:ar|er|ir)\b`), "not working", false},
	{rx(`\b(?:no|nao) (?:\w+ )?(?:funcionan?|funcionam|cargan?|carregam?|envian?|enviam|guardan?|guardam|salvam?|conectan?|conectam|abren?|abrem|calculan?|calculam|responden?|respondem|llegan?|chegam?|muestran?|mostram?|aparecen?|aparecem|procesan?|processam?|actualizan?|atualizam?|sincronizan?|sincronizam|imprimen?|imprimem)\b|\b(?:deja|dejo|dejaron|para|parou|pararam) de (?:funcionar|cargar|carregar|responder|llegar|chegar|imprimir|actualizar|atualizar)\b|\b(?:no|nao) (?:esta|estan|estao) (?:siendo |sendo |a ser )?(?:procesad\w+|processad\w+|enviad\w+|entregad\w+)`), "not working", false},
	{rx(`\b(?:ne|n')\s*(?:se |s'|l'|les? |la )?\w+\s+plus\b|\bkein\w* (?:\w+ ){0,2}mehr\b|\b(?:kan|kunnen) (?:\w+ ){0,2}(?:niet|meer niet)\b|\bniemand kan\b`), "no longer working", false},
	{rx(`\b(?:ne|n')\s*(?:\w+\s+)?(?:fonctionne\w*|telecharg\w*|marche\w*|repond\w*|charge\w*|envoie\w*|enregistre\w*|ouvre\w*|connecte\w*|s'affiche\w*|affiche\w*|arrive\w*|aboutit|aboutissent|imprime\w*|synchronise\w*)\s+(?:pas|plus)\b`), "not working", false},
	{rx(`\bnon (?:e |sono )?(?:piu )?aggiornat\w+|\bno (?:esta |estan )?actualizad\w+|\bnao (?:esta |estao )?atualizad\w+|\bnicht (?:mehr )?aktuell\b|\bnicht aktualisiert\b|\bpas (?:mis )?a jour\b|\bnon si aggiorna\w*|\bno se actualiza\w*|\bnao (?:se )?atualiza\w*|\bne se met(?:tent)? plus a jour|\b(?:aktualisiert|aktualisieren) sich nicht|\bwird nicht (?:mehr )?aktualisiert`), "not updating", false},
	{rx(`\bnon (?:\w+ )?(?:funzion\w+|caric\w+|rispond\w+|arriv\w+|inv\w+|salv\w+|stamp\w+|mostr\w+|appai\w+|compai\w+|parte|partono|si apr\w+|vengono \w+|viene \w+)\b|\bsmess\w+ di (?:funzionare|rispondere|arrivare|stampare|aggiornar\w+)\b`), "not working", false},
	{rx(`\b(?:funktionier\w*|geht|gehen|kommt|kommen|lad\w*|reagier\w*|zeig\w*|druck\w*|start\w*|sendet|senden|synchronisier\w*|aktualisier\w*)\b[^.;:!?]{0,40}?\b(?:nicht|nicht mehr|nichts)\b|\b(?:steh\w*|lieg\w*) still\b|\bstillstand\b|\b(?:werkt|werken|laadt|laden|reageert|reageren|opent|openen|start|starten|doet het)\b[^.;:!?]{0,40}?\bniet\b`), "not working", false},
	// ---- down ----------------------------------------------------------
	{rx(`\b(?:caid[oa]s?|caida|se cayo|fuera de servicio|sin servicio|interrupcion|fora do ar|fora de servico|caiu|cairam|queda|en panne|hors service|hors ligne|coupure|ausgefallen|ausfall\w*|storung\w*|nicht erreichbar|nicht verfugbar|onbereikbaar|storing|fuori servizio|disservizio|guasto|guasti)\b`), "is down", false},
	{rx(`\b(?:no disponibles?|indisponi\w+|inaccessibles?|inacessive\w*|inaccesibles?|non disponibil\w+|irraggiungibil\w+)\b`), "unavailable", false},
	// ---- errors and failures --------------------------------------------
	{rx(`\bnur noch (?:\w+ )?\w*fehler\w*|\bsolo errori\b|\bsolo (?:\w+ )?errores\b|\bso (?:\w+ )?erros\b|\bque des erreurs\b`), "nothing but errors", false},
	{rx(`\b\w*zeituberschreitung\w*|\btiempo de espera agotado\b|\btempo limite (?:esgotado|excedido)\b|\bdelai d'attente depasse\b|\btempo (?:di attesa )?scaduto\b`), "timed out", true},
	{rx(`\b(?:errores|erros?|erreurs?|errore|errori|\w*fehler(?:meldung\w*|n)?|foutmelding\w*|fouten)\b`), "errors", false},
	{rx(`\b(?:falla|fallan|fallo|fallaron|fallando|falh\w+|echou\w+|echec\w*|misluk\w*|faalt|falen|schlagt fehl|schlagen fehl|fehlgeschlagen|fallisc\w+|fallit\w+)\b`), "failing", false},
	{rx(`\b(?:rechaza\w*|rebota\w*|rebotan|rejeita\w*|recusa\w*|rejete\w*|refuse\w*|abgelehnt|abgewiesen|rifiut\w+|respint\w+)\b`), "rejected", false},
	{rx(`\b(?:sin pagar|sem pagar|ohne zu (?:be)?zahlen|sans payer|senza pagare|zonder te betalen)\b`), "cannot pay", false},
	{rx(`\bnon (?:\w+ )?(?:alza|alzano|apre|aprono|legge|leggono|accetta|accettano|prende|prendono|stampa|stampano|scarica|scaricano)\b`), "not working", false},
	{rx(`\bstaat (?:\w+ ){0,3}?op nul\b|\bsteht (?:\w+ ){0,3}?auf null\b|\besta (?:\w+ ){0,2}?en cero\b|\best (?:\w+ ){0,2}?a zero\b|\bfica (?:\w+ ){0,2}?em zero\b|\be (?:\w+ ){0,2}?a zero\b`), "showing zero", false},
	{rx(`\bpokazuj\w* stare\b|\bstare (?:ceny|promocje|dane)\b`), "still showing old data", false},
	{rx(`\bklienci\b[^.;]{0,20}?\b(?:kloca|narzekaj\w*|skarz\w*)`), "customers complaining", false},
	// ---- slow, delayed, stuck -------------------------------------------
	{rx(`\b(?:c'est normal|es normal|ist es normal|e normal|e normale)\b[^?]{0,80}?\b(?:prenne|prend|tarde|tarda|dauert|demore|demora|impieghi|impiega|mett[ae]|hangt|hangen|haengt|blockiert|bloque\w*|atasca\w*|blocca\w*|trava\w*)\b`), "takes too long", false},
	{rx(`\b(?:lent[oa]s?|lentitud|lentidao|lente?s?|lenteur|langsam\w*|lentisim\w*|traag|zah|zaeh|braucht ewig|dauert ewig|tarda una eternidad|prend une eternite|rame|demora uma eternidade|ci mette una vita|tarda mucho|demora mucho|lentissim\w+|rallentament\w+|rallentat\w+|demora bastante|leva quase|tarda(?:n)? casi)\b`), "slow", false},
	{rx(`\b(?:retrasad\w+|retraso\w*|atrasad\w+|atraso\w*|en retard|retard\w*|verzoger\w*|verspat\w*|in ritardo|ritard\w+)\b`), "delayed", false},
	{rx(`\b(?:atascad\w+|bloquead\w+|travad\w+|preso|bloque\w*|coince\w*|hang\w*|hangt|blockiert|festgefahren|bloccat\w+|travand\w*|nao passa d[oa])\b`), "stuck", false},
	{rx(`\b(?:spinnt|spinnen|streikt|streiken|zickt)\b`), "is broken", false},
	{rx(`\b(?:leere seiten?|weisse seiten?|paginas? en blanco|pages? blanches?|pages? vides?|paginas? em branco|pagine bianche|pagina (?:bianca|vuota)|lege pagina)\b`), "blank pages", false},
	{rx(`\b(?:cobrad[oa]s?|cobro|debitad[oa]s?|facturad[oa]s?|faturad[oa]s?|debite\w*|facture\w*|preleve\w*|addebitat[oi]|berechnet|abgebucht) (?:\w+ ){0,4}?(\d+|dos|duas|tres|diez|dez|cien|cem|deux|trois|dix|cent|zwei|drei|zehn|hundert) (?:veces|vezes|fois|volte|mal)\b`), "charged $1 times", false},
	{rx(`\b(?:ohne (?:den |die |das )?(?:anhang|anlage)|sin (?:el )?(?:adjunto|archivo adjunto)|sans (?:la )?piece jointe|sem (?:o )?anexo|senza (?:l')?allegato|zonder (?:de )?bijlage)\b`), "arrive without the attachment", false},
	{rx(`\b(?:stampa|imprime|druckt|drukt|imprimem|imprimen|mostra|muestra|affiche|zeigt|toont) (?:solo|solamente|seulement|nur|alleen|so|apenas) (?:la |die |de |a |il )?(?:meta|mitad|moitie|halfte|helft|metade)\b`), "prints only half", false},
	{rx(`\b(?:esta a marcar|esta marcando|marca|mostra|muestra|affiche|indique|zeigt|toont|segna)\s+(?:\w+\s+){0,4}?(?:0|zero|cero|null|nul)\b`), "reads zero", false},
	{rx(`\b(?:sale|salen|sai|saem|sort|sortent|kommt|kommen|esce|escono) (?:\w+ ){0,3}?(?:en blanco|em branco|vide|leer|vuot[oa]|in bianco)\b`), "comes out blank", false},
	{rx(`\b(?:sortent|sort|salen|sale|saem|sai|kommen|kommt|escono|esce) (?:\w+ ){0,4}?(?:sans|sin|sem|ohne|senza) (?:\w+ )?\w+`), "come out without the part", false},
	{rx(`\b(?:(?:par|via|avec) un lien public|(?:mediante|con|por) un enlace publico|(?:por|com|via) um link publico|(?:uber|mit) (?:einen|einem) offentlichen link|tramite un link pubblico)\b`), "publicly accessible", false},
	{rx(`\b(?:s'affichent mal|s'affiche mal|se muestran mal|se ven mal|werden falsch angezeigt|aparecem mal|vengono visualizzat[ie] male)\b`), "display glitch", false},
	{rx(`\b(?:colori|colores|couleurs|farben|cores|kleuren)\b`), "colours", true},
	{rx(`\b(?:reclamaram|reclamam|reclamando|se quejan|se han quejado|beschwer\w+|se plaignent|se sont plaints|lamentano|si lamentano|klagen)\b`), "customers complaining", false},
	{rx(`\b(?:salen|sale|aparecen|aparece|muestran|saem|aparecem|sortent|sort|costano|kosten) (?:a|en|em|com|con|bei|mit|par)? ?0[,.]00\b`), "zero amount", false},
	// ---- wrong, missing, lost --------------------------------------------
	{rx(`\b(?:incorrect\w*|errone\w*|equivocad\w*|errad[oa]s?|falsch\w*|fausse?s?|sbagliat\w+|errat[oaie]|scorrett\w+)\b`), "wrong data", false},
	{rx(`\b(?:sigue|siguen|continua|continuam|zeigt immer noch|affiche toujours|affichent toujours|mostra ancora|mostrano ancora) (?:\w+ )?(?:mostrando|mostrar|exibindo|a mostrar)?\b[^.;!?]{0,40}?\b(?:de la semana pasada|de ayer|antig\w+|viej\w+|da semana passada|de ontem|der letzten woche|von gestern|alte\w*|de la semaine derniere|d'hier|ancien\w*|della settimana scorsa|di ieri|vecch\w+)\b`), "still showing old data", false},
	{rx(`(?:^|\s)0[.,]00\s*(?:€|eur|\$|usd|£|gbp|r\$|kr|zl|chf)|(?:€|\$|£)\s?0(?:[.,]00)?\b`), "zero amount", false},
	{rx(`\bvalor(?:es)? (?:en |de )?(?:cero|zero|0)\b|\bmontants? (?:nuls?|a zero|de zero)\b|\bbetrag(?:e)? (?:von )?(?:null|0)\b|\bimporte (?:cero|de cero)\b`), "zero amount", false},
	// After the amounts at zero, which are the graver reading.
	{rx(`\b(?:mostrando|mostra|muestra|muestran|mostrano|zeigt|zeigen|affiche|affichent|toont|tonen)\b (?:\w+ ){0,2}?(?:zero|cero|null|0)\b`), "showing zero", false},
	{rx(`\b(?:faltan|falta|faltando|manquant\w*|manque\w*|fehlen|fehlt|fehlende\w*|desaparec\w+|sumi\w+|disparu\w*|verschwunden|mancan\w+|manca|spariti|sparite|scompars\w+)\b`), "missing", false},
	{rx(`\b(?:perdid[oa]s|perdu\w*|verloren\w*|andat[ie] pers[ie]|sono (?:stat[ie] )?pers[ie])\b`), "lost records", false},
	// ---- who and how many ------------------------------------------------
	{rx(`\b(?:clientes?|usuari[oa]s?|utilisateurs?|usagers|kunden|kundinnen|nutzer\w*|benutzer\w*|anwender\w*|pacientes|patients?|passageiros|pasajeros|voyageurs|fahrgaste|klanten|gebruikers|client[ie]|utent[ie]|passegger[ie]|pazient[ie]|viaggiator[ie])\b`), "customers", false},
	{rx(`\b(?:alle anderen?|todos los demas|todas las demas|todos os outros|todas as outras|tous les autres|toutes les autres|tutti gli altri|tutte le altre|alle andere)\b`), "the rest", false},
	{rx(`\b(?:acceso no autorizado|acces non autorise|unbefugte[nrs]? zugriff\w*|unberechtigte[nrs]? zugriff\w*|acesso nao autorizado|accesso non autorizzato)\b`), "unauthorized access", false},
	{rx(`\b(?:brecha de (?:datos|seguridad)|violation de donnees|datenpanne|violacao de dados|violazione dei dati|exfiltr\w+|esfiltrat\w+)\b`), "data breach", false},
	{rx(`\b(?:expira|caduca|vence|expire|lauft|scade) (?:\w+ ){0,3}?(?:en|dans|in|em|tra|fra) (\d+) (?:dias|jours|tagen|giorni)\b`), "expires in $1 days", false},
	{rx(`\b(?:fuite de donnees|fuga de datos|datenleck|datenabfluss|vazamento de dados|fuga di dati)\b`), "data leak", false},
	{rx(`\b(?:lisibles?|accessibles?|visibles?|legibles?|acessive(?:l|is)|lesbar|einsehbar|leggibil[ei]) (?:\w+ )?(?:publiquement|publicamente|offentlich|pubblicamente|par tous|para todos|fur alle|a tutti)\b`), "publicly readable", false},
	{rx(`\b(?:einzelne\w*|einige\w*|manche\w*|algun[oa]s|algumas|alguns|quelques|certain(?:e)?s|alcun[ie]|sommige)\b`), "some users", false},
	{rx(`\b(?:tod[oa]s(?: l[oa]s| os| as)?|ningun\w*|nadie|nenhum\w*|ninguem|tou(?:s|tes?)(?: les)?|aucun\w*|alle[nmrs]?|samtliche\w*|kein(?:e[nmrs]?)?|niemand|tutt[ie](?: i| le| gli)?|ogni|nessun\w*|iedereen|alle)\b`), "all", false},
	{rx(`\b(?:de|pra|pro|pa) geral\b`), "all", false},
	{rx(`\b(?:jede[nmrs]?|cada|chaque|ogni|elke|iedere|kazd[aey]\w*|varje|hver)\b`), "every", false},
	{rx(`\b(?:rubat[oia]|robad[oa]s?|roubad[oa]s?|gestohlen\w*|vole(?:e|s)?)\b`), "stolen credentials", false},
	{rx(`\b(?:indirizz[oi] ip estern[oi]|direcci[oó]n ip externa|endereco ip externo|externe ip-?adress\w*|adresse ip externe)\b`), "downloads from external ips", false},
	// ---- social, meetings, reminders, past incidents, thanks -------------
	{rx(`\b(?:almuerzo|comida|almoco|dejeuner|mittagessen|mittagspause|kantine|pranzo)\b`), "lunch", false},
	{rx(`\b(?:cumpleanos|aniversario|anniversaire|geburtstag|compleanno)\b`), "birthday", false},
	{rx(`\b(?:pastel|tarta|bolo|gateau|kuchen|torta)\b`), "cake", false},
	{rx(`\b(?:gracias|obrigad[oa]|merci|danke|grazie)\b`), "thanks", false},
	{rx(`\b(?:a alguien mas|alguien mas (?:tiene|ve|le)|noch jemand|jemand anders|sonst noch jemand|quelqu'un d'autre|d'autres ont|mais alguem|alguem mais|qualcun altro|anche a voi|anche voi)\b`), "anyone else seeing", false},
	{rx(`\b(?:solo me pasa a mi|me pasa solo a mi|soy (?:el|la) unic[oa]|nur bei mir|bin ich (?:der|die) einzige|c'est juste moi|c'est moi ou|suis-je (?:le|la) seul\w*|so comigo|sou (?:o|a) unic[oa]|solo a me|sono (?:l'unic[oa]|il solo))\b`), "is it just me", false},
	{rx(`\b(?:buen trabajo|bom trabalho|bon travail|beau travail|gute arbeit|ottimo lavoro|bel lavoro|gran lavoro|parabens|felicidades|felicitations|gluckwunsch\w*|complimenti|bravo)\b`), "great job", false},
	{rx(`\b(?:recordatorio|lembrete|rappel|erinnerung|promemoria)\b`), "reminder", false},
	{rx(`\b(?:reunion|reuniao|besprechung|riunione)\b`), "meeting", false},
	{rx(`\b(?:nachbesprechung|analisis post-?mortem|revue post-?mortem|retrospectiva|retrospektive|retrospettiva)\b`), "postmortem", false},
	{rx(`\b(?:caida|incidencia|incidente|interrupcion|panne|incident|queda|falha|ausfall\w*|storung\w*|vorfall\w*|guasto|disservizio|problema|probleme)\w* (?:\w+ ){0,2}?(?:de la semana pasada|da semana passada|de la semaine (?:derniere|passee)|der letzten woche|von letzter woche|della settimana scorsa)\b|\bletzte woche\w* (?:ausfall|storung|vorfall)\w*`), "last week's outage", false},
	{rx(`\b(?:resuelt[oa]s?|solucionad[oa]s?|resolvid[oa]s?|resolue?s?|reglee?s?|behoben|gelost|risolt[oaie]|sistemat[oaie]|opgelost)\b`), "resolved", false},
	{rx(`\b(?:simulacro|simulado|exercice|ubung|notfallubung|esercitazione)\b`), "drill", false},
}

// Gloss returns English glosses for the Spanish, German, French,
// Portuguese and Italian words in text that the impact and chatter rules decide on, as
// one clause each ("cannot use . customers . all"), or "" when there are
// none. text may be raw; it is folded first.
func Gloss(text string) string {
	return glossFolded(FoldText(text))
}

// foreignFunctionWords are frequent short words of Spanish, German, French
// and Portuguese that English text rarely holds; without one of them the
// text is not glossed (fast, and English is not re-read as another
// language).
var foreignFunctionWords = set(`el la los las del al y es esta estan una uno por para con sin pero desde muy nos
	der die das den dem und ist sind nicht mit von auf fur bei seit ein eine wir ich
	le les des du et est sont une pas ne avec pour sur dans depuis nous
	os um uma nao com sem mas desde muito sao dos das nas em do da am im zu nur noch auch
	il gli della delle degli che sono anche alle dei nel nella questo questa stato stata ancora
	het een niet meer zijn wordt ook maar naar voor de en que na ao pelo pela tem dat wel geen
	czy tylko nie jest sie przy juz oraz jak ve bir bu icin ama cok degil ile och att inte det som har med pa
	je jsou pro ale neni se si nu este sunt pentru si din cu ikke er af od dla po ze`)

func looksForeign(folded string) bool {
	for _, w := range reWord.FindAllString(folded, -1) {
		if foreignFunctionWords[w] {
			return true
		}
	}
	return false
}

func glossFolded(work string) string {
	if work == "" || !looksForeign(work) {
		return ""
	}
	var out []string
	for i, g := range glosses {
		re := glossGates[i].forText(work)
		if re == nil {
			continue
		}
		locs := re.FindAllStringIndex(work, -1)
		if len(locs) == 0 {
			continue
		}
		if !reGlossNegative.MatchString(g.english) && slices.ContainsFunc(locs, func(l []int) bool {
			return reForeignNegBefore.MatchString(clause(work[:l[0]]))
		}) {
			// "aucune donnée perdue": the statement is denied, and the
			// gloss says so for the English rules' own negation check.
			out = append(out, "no "+g.english)
		} else if strings.Contains(g.english, "$") {
			// A gloss that carries the statement's numbers.
			for _, l := range g.re.FindAllStringSubmatchIndex(work, -1) {
				out = append(out, string(g.re.ExpandString(nil, g.english, work, l)))
			}
		} else {
			out = append(out, g.english)
		}
		if g.keep {
			continue
		}
		b := []byte(work)
		for _, l := range locs {
			for i := l[0]; i < l[1]; i++ {
				b[i] = ' '
			}
		}
		work = string(b)
	}
	return strings.Join(out, " . ")
}

// reForeignNegBefore ends in a negation of the other languages, at most
// one word before the glossed words; reGlossNegative is a gloss that
// already states a negation.
var (
	reForeignNegBefore = rx(`\b(?:no hay|nao ha|non ci sono|aucune?|kein(?:e[nmrs]?)?|ningun[oa]?|nenhum[ao]?|nessun[oa]?|geen|sin|sem|sans|senza|ohne|nulla|nada|rien|nichts|niets|zaden|hic)\s+(?:\w+\s+)?$`)
	reGlossNegative    = rx(`^(?:no|not|cannot|nothing|never|without)\b`)
)

// withGlosses is the folded text followed by its glosses, for the English
// rules.
func withGlosses(text string) string {
	folded := FoldText(text)
	if g := glossFolded(folded); g != "" {
		return folded + " .\n" + g
	}
	return folded
}
