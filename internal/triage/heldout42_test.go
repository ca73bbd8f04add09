package triage

// heldout42_test.go is a forty-second sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, as the alerts
// and chat of public-sector, healthcare-adjacent, logistics and utility
// teams, who state impact in their own terms: calls not answered, meters not
// read, declarations not filed, shipments not released, rounds not signed.
//
// First run (after the fortieth and forty-first samples' fixes): severity
// 19/30, chatter 19/30. The classes: compound customer nouns
// ("Haushaltskunden"); n of m delivered or read, in any language; an
// alarm's datapoint against the level the text calls normal; error-tracker
// events out of page views; a lag "0" as calm; a public-read ACL and a
// public link as exposure; display glitches and colours in other
// languages. In chat: "log into", freezes, a board that has not moved,
// records that arrive with no location, pagers that did not go off, Spanish
// "sale en blanco", French "sortent sans", Portuguese complaints, an
// Italian "errore 403" quoted. After: severity 28/30, chatter 29/30. It has
// tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: ambulance dispatch centres, non-emergency patient transport, municipal water utilities, tax offices, electricity distribution grid operators, district heating networks, wastewater treatment plants, pharmaceutical wholesalers, home care nursing agencies, e-prescription services, nursing homes, poison control centres, air cargo terminals, inland barge operators, job centres, street lighting maintenance.

import "testing"

var severityHeldout42 = []sevCase{
	// P1
	{"ems medical line calls not answered", Signal{Title: "Splunk Alert: ems_call_answer_sla - triggered", Text: "Search 'ems_call_answer_sla' returned 1 result for the last 30 min: calls_offered=486 answered_within_10s=271 (55.8%, target 95%) abandoned=73. Telephony shows the ACD routing to only 9 of 24 call-taker positions since the 14:02 config push; callers to the emergency medical line wait up to 4 minutes.", Severity: "critical", Service: "ems-telephony"}, 1, P1, "a large share of emergency calls not answered on tier 1; label is right"},
	{"sede electronica nadie presenta modelo 303", Signal{Title: "INC0048812 | Sede electrónica: no se puede presentar el modelo 303", Text: "Desde las 10:40 nadie consigue presentar la autoliquidación trimestral: al firmar, el envío devuelve 'Error 5004 – firma no válida'. Presentaciones registradas desde entonces: 0 (ayer a la misma hora, unas 1.900 por hora). Quedan dos días de plazo y los asesores fiscales ya llaman al centro de atención.", Severity: "3 - Moderate"}, 1, P1, "no declarations can be filed on tier 1; moderate label understates"},
	{"wasser abschlag liter statt kubikmeter", Signal{Title: "WG: Abschlagsrechnungen Wasser – falsche Beträge eingezogen", Text: "Hallo zusammen,\nbeim Rechnungslauf vom 03.12. wurde bei 18.240 Haushaltskunden der Verbrauch in Litern statt in Kubikmetern übernommen. Die Lastschriften sind heute früh eingezogen worden, einzelne Beträge liegen über 9.000 €. Im Kundencenter hängen 600 Anrufe in der Warteschleife.\nGruß, Team Abrechnung", Severity: "normal"}, 1, P1, "money charged wrongly to many on tier 1"},
	{"contadores inteligentes 41 por cento lidos", Signal{Title: "[FIRING:1] LeituraDiariaIncompleta hes-leituras (prod)", Text: "resumo: leituras diárias dos contadores inteligentes em falta\ndescrição: Só 86.300 de 210.000 contadores (41%) entregaram a leitura das 00:00 ao head-end; o normal é 99,5%. Os restantes não foram lidos e a faturação de amanhã fica sem leituras reais.", Severity: "warning", Service: "hes-leituras"}, 1, P1, "most meters not read on tier 1; warning label understates"},
	{"pharma wholesaler order lines collapse", Signal{Title: "ALARM: \"pharmacy-orderlines-accepted-low\" in EU (Frankfurt)", Text: "Threshold Crossed: 3 datapoints [118.0 (06/12/26 11:05:00), 97.0 (06/12/26 11:00:00), 84.0 (06/12/26 10:55:00)] were less than the threshold (1500.0). Metric: order lines accepted from pharmacies per 5 minutes; normal for this slot is about 4,700. Pharmacies report the order screen spinning and then 'order could not be transmitted'.", Severity: "minor"}, 1, P1, "order throughput down about 98% on tier 1"},
	{"soins a domicile dossiers exposes", Signal{Title: "Kibana : alerte « Accès anonymes au partage dossiers-soins-domicile »", Text: "Le dossier partagé qui contient les plans de soins de 3 870 patients suivis à domicile (nom, adresse, traitements, code de la boîte à clés) était accessible par un lien public depuis le 28/11. Les journaux montrent 1 140 téléchargements depuis 14 adresses IP extérieures. Le lien a été désactivé ce matin à 09:20.", Severity: "moyenne"}, 1, P1, "patient data exposed externally on tier 1"},
	{"e-rezept abruf 27 prozent fehler", Signal{Title: "Fired:Sev2 Metric alert erezept-abruf-fehlerquote on apim-erezept-prod", Text: "Alert rule 'erezept-abruf-fehlerquote' fired. Condition: percentage of failed GET /prescriptions/{id} greater than 5; metric value 27.4 (window 15 min). Apotheken melden 'E-Rezept kann nicht abgerufen werden', Patientinnen und Patienten gehen ohne ihre Medikamente wieder.", Severity: "Sev2"}, 1, P1, "over a quarter of prescriptions cannot be redeemed on tier 1"},
	{"air cargo no imports released", Signal{Title: "[Triggered] Import release backlog - cargo-release-svc", Text: "cargo.import.released.count = 0 over the last 2h (same window last week: 214). Oldest customs-cleared shipment still waiting for release: 5h 40m (normally under 30 min). Forwarders' trucks are queuing at the landside docks; no import freight has left the terminal since 06:10. @ops-cargo", Severity: "P4"}, 1, P1, "no shipments released on tier 1; P4 label is wrong"},
	{"centro impiego ogni domanda sessione scaduta", Signal{Title: "Segnalazione: domande di indennità di disoccupazione non inviabili dal portale", Text: "Da stamattina alle 08:00 ogni domanda di indennità inviata dal portale cittadini finisce con 'Sessione scaduta, riprovare' al passaggio finale; riprovando si ottiene lo stesso errore. Domande protocollate oggi: 0, ieri alla stessa ora erano 3.450. Agli sportelli dei centri per l'impiego si formano le code.", Severity: "bassa"}, 1, P1, "every claim submission fails on tier 1"},
	{"care homes emar sign ratio all homes", Signal{Title: "Opsgenie: [P3] emar-sync sign_success_ratio 0.04", Text: "emar-sync sign_success_ratio = 0.04 over 20 min (baseline 0.998). In all 23 care homes the medication tablets show 'sync failed' and nurses cannot sign off the morning medication round; staff have switched to paper MAR sheets.", Severity: "P3"}, 1, P1, "medication rounds cannot be signed in every home on tier 1"},

	// P2
	{"krankentransport region ost bestellungen", Signal{Title: "[FIRING:1] KTBestellungFehler region=ost", Text: "summary: Krankentransport-Bestellungen aus Region Ost schlagen fehl\ndescription: Seit 09:10 können die Kliniken in Region Ost (1 von 4 Regionen) keine Krankentransporte online bestellen (HTTP 503 vom Regionalknoten ost-02) und weichen aufs Telefon aus. Nord, Süd und West bestellen normal.", Severity: "critical"}, 1, P2, "one region of four affected"},
	{"belasting vooraf ingevulde saldi vorig jaar", Signal{Title: "Melding: vooraf ingevulde bankgegevens kloppen niet bij deel van de aangiftes", Text: "Bij 3,4% van de belastingplichtigen die vandaag hun aangifte openen, staan bij 'bankrekeningen' nog de saldi van vorig jaar voorgeïnvuld. Bij de overige 96,6% kloppen ze. Aangiftes indienen werkt gewoon.", Severity: "kritiek"}, 1, P2, "wrong values for a minority; filing works"},
	{"water portal p95 slow no errors", Signal{Title: "Grafana: [FIRING] mein-wasser portal p95 above SLO", Text: "p95 latency for meter-reading submissions and bill downloads = 7.8s (SLO 2s) for 35 min. 5xx rate 0.00%, no timeouts; every request completes.", Severity: "critical"}, 1, P2, "slow beyond SLO without failures"},
	{"stoerungskarte strom veraltet", Signal{Title: "Störungskarte Strom seit 3 Stunden nicht aktualisiert", Text: "Die öffentliche Störungskarte zeigt den Stand von 07:15; seitdem gemeldete Unterbrechungen fehlen. Störungsmeldungen über Hotline und Formular werden normal angenommen und an die Netzleitstelle weitergegeben, das Formular zeigt keine Fehler.", Severity: "hoch"}, 1, P2, "stale data, nothing failing"},
	{"pharma dc leipzig picks one of six", Signal{Title: "Zabbix: Problem: DC Leipzig - pick confirmation service unavailable", Text: "Problem started at 13:42 on 2026.12.06\nHost: dc-lei-wms-01\nSeverity: Disaster\nHandheld scanners in DC Leipzig (1 of 6 distribution centres) cannot confirm picks; about 140 pharmacies served from Leipzig will get the afternoon tour late. The other five DCs are picking normally.", Severity: "Disaster"}, 1, P2, "one site of six; Disaster label overstates"},
	{"home care route planning tier 2 down", Signal{Title: "** PROBLEM Service Alert: tourplan-web/HTTP is CRITICAL **", Text: "Notification Type: PROBLEM\nService: HTTP\nHost: tourplan-web\nState: CRITICAL\nInfo: HTTP CRITICAL: HTTP/1.1 502 Bad Gateway - 0.012 second response time\n\nThe route planning tool for home care nurses is completely down; coordinators are sending today's visit lists as PDFs from last night's export.", Severity: "CRITICAL"}, 2, P2, "full outage of a tier-2 service"},
	{"carga aerea ens rechazos 2,4", Signal{Title: "Kibana: [Alerta] declaraciones ENS rechazadas > 2%", Text: "Regla 'ens-rechazos' activada: 37 de 1.540 declaraciones sumarias de entrada enviadas a aduanas en la última hora han sido rechazadas por tiempo de espera (2,4%). El resto se acepta; las rechazadas hay que reenviarlas a mano.", Severity: "critical"}, 1, P2, "1-5% failing"},
	{"wastewater haulier permits public bucket", Signal{Title: "Security Hub finding: S3 bucket sludge-haulier-permits allows public read", Text: "Bucket 'sludge-haulier-permits' (permit scans of the hauliers who deliver sludge to the treatment plant) has had a public-read ACL since 14 Nov. It holds names, licence numbers and mobile numbers of 420 hauliers; access logs show 63 GETs from external IPs.", Severity: "LOW"}, 3, P2, "breach on a tier-3 service"},
	{"iluminacao publica pedidos perdidos", Signal{Title: "Iluminação pública: pedidos de avaria dos últimos 9 dias perdidos após restauro da BD", Text: "O restauro da base de dados da app de reporte de avarias (ontem às 23:00) voltou a um backup de 26/11. Os 1.130 pedidos de munícipes registados desde então desapareceram e não há outra cópia. A app aceita novos pedidos normalmente.", Severity: "informativa"}, 2, P2, "data loss on a tier-2 service"},
	{"barge booking one shipper of 38", Signal{Title: "Dynatrace problem P-2612047: Failure rate increase on barge-booking-api", Text: "Failure rate increase\nService barge-booking-api: 100% of slot booking requests from shipper account 'NordKies Baustoffe' (1 of 38 shippers) fail with 422 since 05:30, after that account's migration. Requests from the other 37 shippers: 0.1% failures.", Severity: "availability"}, 1, P2, "one tenant of many; the 100% is within that tenant"},

	// P3
	{"cad training environment down", Signal{Title: "** PROBLEM Host Alert: cad-training-01 is DOWN **", Text: "Host: cad-training-01\nState: DOWN\nInfo: CRITICAL - Host Unreachable (10.30.8.14)\n\nThis is the CAD training and simulation environment used for new call-taker courses. Live dispatch (cad-prod) is unaffected; today's course can move to Tuesday.", Severity: "CRITICAL"}, 3, P3, "internal training tool; live dispatch fine"},
	{"meter ingest kafka disk forecast", Signal{Title: "[Warn] Forecast: meter-ingest-kafka disk usage", Text: "Forecast monitor: disk usage on meter-ingest-kafka-2 predicted to reach 95% in 6 days (currently 68%). Consumer lag 0, all meter reads processed on time, no errors.", Severity: "critical"}, 1, P3, "forecast, nothing failing"},
	{"accuse reception accents casses", Signal{Title: "Sentry : [accuse-reception] UnicodeDecodeWarning dans le PDF d'accusé de réception", Text: "Sur l'accusé de réception PDF des déclarations, les accents s'affichent mal (« DÃ©claration reÃ§ue »). Les déclarations sont bien déposées et horodatées, le numéro d'accusé est correct.", Severity: "majeure"}, 1, P3, "cosmetic only"},
	{"zaehlerstand app 0,4 prozent retry", Signal{Title: "New Relic: Zählerstand-App Fehlerquote 0,4 %", Text: "In der letzten Stunde sind 23 von 5.810 Zählerstandsmeldungen (0,4 %) beim ersten Versuch mit Timeout gescheitert; die automatische Wiederholung hat alle 23 übermittelt. Keine Meldung verloren.", Severity: "hoch"}, 1, P3, "under 1% failing and retries work"},
	{"returns label printer faint can wait", Signal{Title: "INC0051207 | Returns label printer DC Kassel prints faint barcodes", Text: "The label printer at the returns desk in DC Kassel prints the barcodes a bit faint. Scanners still read every label on the first try. Only the returns team uses it; it can wait until the service technician's visit next week.", Severity: "1 - High"}, 2, P3, "internal cosmetic; reporter says it can wait"},
	{"poison info site tier 3 down", Signal{Title: "UptimeRobot: Monitor is DOWN: giftinfo-public-site", Text: "The public information site with first-aid leaflets has returned 503 for 40 minutes. The 24/7 poison hotline and the clinician consult line run on separate systems and are working. The site stores no data; nothing lost or exposed.", Severity: "P1"}, 3, P3, "tier-3 outage without data loss or exposure; P1 label overstates"},
	{"oficina empleo intranet lenta", Signal{Title: "Intranet de la oficina de empleo muy lenta", Text: "La intranet del personal (noticias, formularios de vacaciones, directorio) tarda unos 15 s en cargar cada página desde esta mañana. Solo la usamos internamente; la cita previa y las solicitudes de prestaciones van bien.", Severity: "alta"}, 3, P3, "internal only"},
	{"uld history page 0.6 percent", Signal{Title: "Sentry: [uld-tracker] TimeoutError in /uld/{id}/history", Text: "58 events in the last hour out of 9,700 page views (0.6%). Forwarders see 'try again' on the ULD history page; a reload shows it. Bookings, releases and shipment tracking are unaffected.", Severity: "error"}, 1, P3, "under 1% failing, retry works"},
	{"teleriscaldamento legenda colori", Signal{Title: "Teleriscaldamento – app clienti: colori della legenda invertiti in modalità scura", Text: "Nell'app clienti, con la modalità scura attiva, i colori della legenda del grafico consumi sono invertiti (quest'anno/anno scorso). I valori in kWh e le fatture sono corretti.", Severity: "critico"}, 1, P3, "cosmetic only"},
	{"lar ecra ementa de ontem", Signal{Title: "Lar de Coimbra: ecrã da sala de enfermagem mostra a ementa de ontem", Text: "O ecrã informativo da sala de enfermagem no lar de Coimbra continua a mostrar a ementa de ontem. É só informativo para a equipa; os registos de medicação e os planos de cuidados estão normais. Pode esperar até segunda-feira.", Severity: "alta"}, 3, P3, "internal display; reporter says it can wait"},
}

var chatterHeldout42 = []chatCase{
	// incidents
	{"anyone else seeing the CAD map freeze when you zoom into the ring road? 3rd time this shift", true},
	{"not urgent but the meter-reading handhelds in depot 2 still show yesterday's route list", true},
	{"oh brilliant, the tax portal now tells me my declaration was filed 'in the future'. love it 🙃", true},
	{"one of our home care nurses can't log into the visit app since her phone update, everyone else is fine", true},
	{"¿A alguien más le sale en blanco el justificante del modelo 100 al descargarlo?", true},
	{"Die Fernwärme-App zeigt bei mir seit gestern 0 kWh Verbrauch, obwohl die Heizung läuft", true},
	{"Les bons de livraison pour les pharmacies sortent sans numéro de lot depuis ce matin", true},
	{"o portal de pedidos das farmácias tá dando timeout no checkout, umas 5 já reclamaram", true},
	{"barge ETA board at the terminal hasn't moved since 6am, skippers keep ringing us", true},
	{"the poison centre callback list is dropping entries, two callbacks from last night just vanished", true},
	{"streetlight fault tickets from the app arrive in the queue with no location attached", true},
	{"air cargo dock screen says released but the gate won't open for the truck, 4 trucks stuck", true},
	{"Il modulo di prenotazione del centro per l'impiego dà 'errore 403' quando si sceglie la sede di Bari", true},
	{"De slimme meters in wijk Oost sturen sinds dinsdag elke stand dubbel door", true},
	{"pagers for crew 14 didn't go off on the last two jobs, they only got them over the radio", true},

	// chatter
	{"Heads-up: the water SCADA historian gets patched Thursday 22:00–23:30, trends will show a gap", false},
	{"Postmortem for Sunday's dispatch phone outage: review at 14:00 in the ops room, agenda in the doc", false},
	{"how do I add a new depot to the depot variable on the Grafana meter-read dashboard?", false},
	{"big shoutout to night shift in the control room, 1,140 calls and every one picked up in under 10s 🚑", false},
	{"We're live: pharmacies can now follow their afternoon delivery van on a map 🎉", false},
	{"Handover: quiet night at the cargo terminal, nothing open, 2 tickets closed", false},
	{"why did the tax inspector bring a ladder? to audit the higher brackets 😂", false},
	{"Mittagspause heute zusammen? Die Kantine im Klärwerk hat Flammkuchen", false},
	{"Recordatorio: el viernes termina el plazo interno para pedir las vacaciones de Navidad en la oficina de empleo", false},
	{"Retour sur l'incident du réseau de chaleur de janvier : toutes les actions correctives sont clôturées ✅", false},
	{"Alguém tem o runbook de rotação de certificados do portal das barcaças? Quero revisar antes da troca de março", false},
	{"Benvenuta a Giulia, che da lunedì entra nel team turni dell'assistenza domiciliare!", false},
	{"Vanaf maandag draait de nieuwe versie van de storingskaart voor de straatverlichting, release notes staan op de wiki", false},
	{"Capacity note: tax-season traffic should triple from April, let's load test the e-filing portal in February", false},
	{"The poison control centre took its millionth call this year, cake in the break room at 3 🎂", false},
}

func TestSeverityWorldHeldout42(t *testing.T) {
	runSevSample(t, "severity held-out 42", severityHeldout42)
}

func TestChatterWorldHeldout42(t *testing.T) {
	runChatSample(t, "chatter held-out 42", chatterHeldout42)
}
