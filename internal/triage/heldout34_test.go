package triage

// heldout34_test.go is a thirty-fourth sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, after the
// thirty-second's fixes, as a normal week's alerts and chat. First run:
// severity 24/30, chatter 23/30. The classes: "jede", "cada", "chaque" and
// the like are "every"; stolen tokens and external IP addresses in Italian
// and its neighbours; a CloudWatch alarm on an error rate whose datapoints
// are the rate; one of three or four sites is a site-limited fault; a
// receipt that "lacks" a line beside a share; in chat, an HTTP error a page
// gives, a check that rejects every third ticket, another person's name
// printed, "won't finish", "got no delivery", a Dutch counter "op nul",
// and a name introduced as new ("Say hello to '...'") is a launch. After:
// severity 26/30, chatter 29/30. It has tuned rules since, so it is no
// longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: flower auctions, symphony orchestras, tile showrooms, cranberry bogs, cooking schools, snowmobile tours, mineral water bottling, bobsleigh tracks, pumpkin patches, vintage car restoration, snail farms, rope access contractors, embroidery shops, ice sculpture studios, mattress showrooms.

import "testing"

var severityHeldout34 = []sevCase{
	// P1
	{"flower auction clock bids 41 percent rejected", Signal{Title: "[FIRING:1] ClockBidRejectRate bloom-clock-api (prod)", Text: "summary: bids on the auction clock are being rejected\ndescription: 41.3% of bids placed on clocks A-D returned HTTP 500 over the last 10m (job=bloom-clock-api, threshold 1%). Buyers see 'bid not accepted' while lots sell to the next bidder.", Severity: "warning", Service: "bloom-clock-api"}, 1, P1, "over 5% failing on tier 1; warning label understates"},
	{"philharmonie downbeat kauf alle zahlungen", Signal{Title: "Datadog: [Triggered] DownBeat Ticketshop – Zahlungen schlagen fehl", Text: "Seit 18:20 wird jede Kartenzahlung im DownBeat-Ticketshop der Philharmonie abgelehnt (Gateway-Timeout beim Zahlungsdienstleister). 0 verkaufte Karten in 30 Minuten, sonst etwa 90 pro halbe Stunde. Der Vorverkauf für das Neujahrskonzert läuft gerade.", Severity: "low"}, 1, P1, "purchase flow fully stopped on tier 1; low label is wrong"},
	{"azulejos facturas cobradas dos veces", Signal{Title: "PagerDuty: Cobro duplicado de facturas de muestras de azulejos", Text: "El proceso de facturación nocturno se ejecutó dos veces. Los 2.310 clientes con pedido de muestras este mes tienen dos cargos idénticos en su tarjeta; el importe total cobrado de más es de 68.400 EUR.", Severity: "low"}, 1, P1, "money charged wrongly to many on tier 1"},
	{"cranberry box subscriptions wiped", Signal{Title: "Opsgenie: cranberry-box subscriptions table truncated", Text: "A migration rollback at 01:30 truncated the subscriptions table of the cranberry box shop. 4,120 active subscriptions with delivery addresses and preferences are gone; the newest restorable snapshot is 11 days old and misses everything changed since.", Severity: "warning"}, 1, P1, "data loss on tier 1"},
	{"scuola di cucina dati clienti esfiltrati", Signal{Title: "Splunk alert: esportazione anomala dal database iscritti scuola di cucina", Text: "Tra le 02:10 e le 02:40 un token API rubato ha scaricato 12.400 record di iscritti (nome, email, telefono, allergie alimentari) verso un indirizzo IP esterno sconosciuto. Il token è stato revocato alle 07:55.", Severity: "medium"}, 1, P1, "breach exposing customer data on tier 1"},
	{"snowmobile booking uptime kuma down", Signal{Title: "[Snowmobile booking] [🔴 Down] connect ECONNREFUSED 10.4.2.18:443", Text: "Monitor 'book.arcticsleds.example' has been down for 47 minutes across all 3 checks. Guests cannot book or pay for any tour.", Severity: ""}, 1, P1, "booking site completely down on tier 1"},
	{"mineraalwater bestelportaal 67 procent fouten", Signal{Title: "New Relic: foutpercentage bestelportaal horeca 67%", Text: "Van de bestellingen die horecaklanten via het bestelportaal voor mineraalwater plaatsen faalt 67% met een databasetime-out, al 25 minuten. Klanten bellen de orderdesk.", Severity: "info"}, 1, P1, "most orders failing on tier 1"},
	{"mattress delivery slot booking 88 percent", Signal{Title: "Honeycomb trigger: delivery-slots error ratio 0.88", Text: "Trigger 'slot booking errors' fired: 88% of POST /delivery-slots requests in the last 15 minutes ended in error. Customers buying a mattress online cannot pick a delivery date, so checkout cannot complete.", Severity: "P3"}, 1, P1, "most customers blocked on tier 1; P3 label is wrong"},
	{"abobora ingressos qr recusados", Signal{Title: "Ingressos do campo de abóboras recusados na entrada", Text: "Desde a abertura às 09:00 os leitores recusam o QR code de todos os ingressos vendidos online para hoje. 0 de 3.200 visitantes validados; a fila na entrada passa de uma hora.", Severity: "baixa"}, 1, P1, "entry flow broken for all on tier 1"},
	{"bobsleigh guest rides checkout 5xx", Signal{Title: "ALARM: \"bobride-checkout-5xx-rate\" in EU (Frankfurt)", Text: "Threshold Crossed: 3 out of the last 3 datapoints [58.2 (05/12/26 13:10:00), 61.0, 57.4] were greater than the threshold (2.0). Guest taxi-ride bookings for the bobsleigh track are failing at checkout.", Severity: "warning"}, 1, P1, "over half of checkouts failing on tier 1"},

	// P2
	{"bloemenveiling een veilingzaal", Signal{Title: "Klokken in veilingzaal Rijnsburg bevriezen", Text: "In veilingzaal Rijnsburg (1 van 4 zalen) bevriezen de klokken sinds 06:40 elke paar minuten. In de zalen van Aalsmeer, Naaldwijk en Eelde wordt normaal geveild.", Severity: "critical"}, 1, P2, "one site of several affected"},
	{"symphony programme booklet tier 2 down", Signal{Title: "Statuspage: Digital programme booklet – Major Outage", Text: "Component 'Digital programme booklet' changed from Operational to Major Outage. Concert-goers scanning the QR code on their seat get an error page. Ticketing and entry are not affected.", Severity: "P1"}, 2, P2, "outage of a tier-2 service; P1 label overstates"},
	{"matratzen lagerbestand veraltet", Signal{Title: "Lagerbestand im Matratzen-Onlineshop 6 Stunden alt", Text: "Der Abgleich mit dem Lagersystem hängt seit 04:00. Der Shop zeigt Verfügbarkeiten von heute früh an; Bestellungen gehen weiterhin durch, es gibt keine Fehler, nur veraltete Bestände.", Severity: "critical"}, 1, P2, "stale data without failures"},
	{"cranberry shop p99 slow no errors", Signal{Title: "Grafana alert: cranberry-shop p99 latency above SLO", Text: "[Alerting] cranberry-shop p99 = 6.4s (SLO 1s) for 20m. Error rate 0.0%; every order still completes, just slowly.", Severity: "critical"}, 1, P2, "slow beyond SLO without failures"},
	{"cooking class bookings 2.7 percent", Signal{Title: "Opsgenie: Class booking failures 2.7% ('Crash Course in Knife Skills' and others)", Text: "2.7% of class booking requests fail with 502 over the last 30 minutes; the other 97.3% book fine.", Severity: "P1"}, 1, P2, "1-5% failing; product name and P1 label are misleading"},
	{"snowmobile blackout tour child fare", Signal{Title: "Sentry: [sled-pricing] ChildFareMissing in 'Blackout' polar-night tour", Text: "Bookings with a child passenger on the 'Blackout' polar-night tour (about 4% of this week's bookings) are priced at the adult fare. All other tours and adult-only bookings are priced correctly.", Severity: "fatal"}, 1, P2, "wrong values for a minority"},
	{"cordistes archive inspections publique", Signal{Title: "GuardDuty : bucket failsafe-inspection-archive accessible publiquement", Text: "Le bucket failsafe-inspection-archive (archives photo des inspections de façades) était lisible publiquement depuis mardi. Il contient les noms et numéros de téléphone de 310 gestionnaires d'immeubles clients ; les journaux montrent des téléchargements depuis des IP externes.", Severity: "low"}, 3, P2, "breach on a tier-3 service is P2"},
	{"ice sculpture design files lost", Signal{Title: "Zabbix: Problem: RAID degraded on design-nas-01, volume lost", Text: "Two disks failed on design-nas-01. The 3D design files for 5 commissioned ice sculptures are lost; the off-site backup had been failing since October.", Severity: "info"}, 2, P2, "data loss on a tier-2 service"},
	{"mineral water one tenant edi", Signal{Title: "PagerDuty: EDI order import failing for tenant 'FrischMarkt'", Text: "Orders from the retail chain FrischMarkt (1 of 62 trade customers on the EDI platform) are rejected with a schema error since this morning. The other 61 customers' orders import normally.", Severity: "high"}, 1, P2, "one tenant of many affected"},
	{"ricami negozio milano casse", Signal{Title: "Negozio di Milano: le casse non registrano gli ordini di ricamo", Text: "Nel negozio di Milano (1 di 14) le casse non riescono a registrare gli ordini di ricamo personalizzato da questa mattina. Gli altri 13 negozi e lo shop online funzionano normalmente.", Severity: "critico"}, 1, P2, "one site of many affected"},

	// P3
	{"embroidery stitch monitor internal", Signal{Title: "Zabbix: Problem: stitch-monitor web UI unavailable", Text: "The workshop dashboard that shows thread breaks per embroidery machine is unreachable. Only the workshop staff look at it; the machines keep stitching and customer orders are unaffected.", Severity: "Disaster"}, 1, P3, "internal tool only; Disaster label overstates"},
	{"vintage car photo uploads 0.3 percent", Signal{Title: "New Relic: restoration-portal photo upload errors", Text: "0.3% of progress-photo uploads to the customer restoration portal failed in the last hour (11 of 3,700); retries succeed and all other portal pages work.", Severity: "high"}, 1, P3, "under 1% failing"},
	{"schneckenfarm festplatte prognose", Signal{Title: "Grafana: Prognose Festplatte escargot-shop-db", Text: "Prognose: Die Datenbankfestplatte des Schnecken-Onlineshops ist bei aktuellem Wachstum in etwa 9 Tagen voll (heute 71 %). Derzeit schlägt nichts fehl.", Severity: "high"}, 1, P3, "forecast, nothing failing yet"},
	{"bobsleigh certificate cosmetic", Signal{Title: "Sentry: [ride-certificate] font fallback warning", Text: "On the printable bob ride certificate the track logo is shifted 3 mm to the left and the font falls back to Arial. Names, dates and run times are correct and certificates are delivered normally.", Severity: "major"}, 1, P3, "cosmetic only"},
	{"symphony recordings archive tier 3 down", Signal{Title: "[Recordings archive] [🔴 Down] HTTP 503 Service Unavailable", Text: "Monitor 'archive.philharmonie.example' (past concert recordings for subscribers) down for 3 hours. No data lost, nothing exposed; storage is intact.", Severity: "P1"}, 3, P3, "tier-3 outage without breach or data loss"},
	{"cranberry sensor dashboard kan wachten", Signal{Title: "Interne dashboard waterniveau veenbessenvelden toont verkeerde eenheid", Text: "Het interne dashboard van de velden toont waterniveaus in inch in plaats van cm. Alleen de teeltploeg gebruikt het, klanten merken niets. Kan wachten tot maandag.", Severity: "hoog"}, 1, P3, "internal cosmetic fault; reporter says it can wait"},
	{"flower auction sentry 0.19 percent", Signal{Title: "Sentry: [bloom-clock-api] KeyError: 'lot_grade' in bid_receipt", Text: "21 events in the last hour out of 11,040 bids (0.19%): the bid receipt email lacks the grade line. Bids themselves are accepted and settled; no bids lost.", Severity: "fatal"}, 1, P3, "under 1% affected; fatal label overstates"},
	{"ice sculpture frozen solid gala forecast", Signal{Title: "Datadog forecast: freezer room capacity for 'Frozen Solid' New Year gala", Text: "Forecast: at the current carving schedule, freezer room 2 will be at 100% block capacity by 28 Dec. Temperatures are within range and nothing is failing today.", Severity: "critical"}, 1, P3, "risk only, nothing failing; product name misleading"},
	{"alpinismo industrial timesheet interno lento", Signal{Title: "Sistema interno de horas dos técnicos de acesso por corda lento", Text: "O sistema interno de registro de horas está lento (p95 9 s). Só a equipe de RH e os supervisores usam; clientes e inspeções não são afetados.", Severity: "urgente"}, 1, P3, "internal only"},
	{"ecole cuisine newsletter crash course tier 3", Signal{Title: "Statuspage : Page d'inscription newsletter « Crash Course » – Panne majeure", Text: "La page d'inscription à la newsletter « Crash Course » affiche une erreur 500 depuis 2 heures. Aucune donnée perdue, aucune fuite ; les réservations de cours fonctionnent normalement.", Severity: "critique"}, 3, P3, "tier-3 outage without breach or data loss"},
}

var chatterHeldout34 = []chatCase{
	// incidents
	{"yo anyone else's auction clock lagging? bids on lane 3 landing like 4 sec late", true},
	{"not a big deal but the tile showroom site still shows last weeks prices on the porcelain range", true},
	{"lol love how the DownBeat app logs me out every single time i open the seat map. great stuff 👏", true},
	{"cooking class reminder sms r not going out since tue, 2 ppl showed up on the wrong day", true},
	{"is it just me or does the snowmobile booking page 404 when u pick the Northern Lights tour?", true},
	{"the cranberry box didnt renew for a bunch of subscribers, they got no delivery this week", true},
	{"pumpkin patch scanners at gate B reject like every 3rd ticket, queue's getting long", true},
	{"bobsleigh ride certificates are printing with someone elses name on them 😬", true},
	{"embroidery machine 4 keeps throwing E7 thread error and wont finish any hoop", true},
	{"Die Lieferscheine im Matratzen-Portal lassen sich seit heute früh nicht mehr runterladen, nur weißer Bildschirm", true},
	{"¿Es normal que la app de la escuela de cocina cobre la clase dos veces? Me han escrito tres alumnos", true},
	{"Pas urgent, mais le planning des cordistes n'affiche plus les chantiers de Lyon depuis la mise à jour", true},
	{"galera, o freezer de blocos do ateliê de esculturas tá marcando -2 em vez de -12, alguém olha?", true},
	{"Le foto dei restauri nel portale clienti non si caricano più, i clienti vedono solo riquadri grigi", true},
	{"De flessenteller van lijn 2 in de bottelarij staat al een uur op nul terwijl de lijn gewoon draait", true},

	// chatter
	{"Heads-up: planned maintenance on the flower auction clock servers Sunday 04:00–06:00, clocks will be paused", false},
	{"postmortem for last week's DownBeat ticketing outage is in Notion, pls add comments by thurs", false},
	{"Can someone grant me read access to the tile showroom Splunk index?", false},
	{"Say hello to 'Crash & Burn', our new chili masterclass at the cooking school 🌶️🔥", false},
	{"Capacity planning for summer: we expect 3x bottling volume, let's size the MES database accordingly", false},
	{"how do I silence an Alertmanager alert just for one weekend? the ice sculpture studio is doing a photo shoot", false},
	{"why did the snail farm's server never crash? because it only runs at escargot speed 🐌", false},
	{"thanks team for a smooth pumpkin season, 48k visitors and zero downtime 🎃", false},
	{"Kurze Erinnerung: Am Samstag ist das Sommerfest der Bobbahn-Crew, bitte bis Mittwoch anmelden", false},
	{"Recordatorio: mantenimiento programado del portal de azulejos el domingo de 01:00 a 03:00, mostrará una página de aviso", false},
	{"Retour d'expérience sur la panne du portail cordistes de mars : réunion jeudi 10h salle Everest", false},
	{"Alguém sabe como exportar um dashboard do Grafana em PDF? Quero mandar pro cliente das esculturas de gelo", false},
	{"Complimenti a tutti per il concerto di ieri sera, la nuova biglietteria ha retto benissimo 👏", false},
	{"Wie wil er toegang tot het nieuwe Datadog-dashboard van de veenbessenvelden? Stuur me een DM", false},
	{"Farewell drinks for the old embroidery order system on Friday, the migration finished and everything is running 🥂", false},
}

func TestSeverityWorldHeldout34(t *testing.T) {
	runSevSample(t, "severity held-out 34", severityHeldout34)
}

func TestChatterWorldHeldout34(t *testing.T) {
	runChatSample(t, "chatter held-out 34", chatterHeldout34)
}
