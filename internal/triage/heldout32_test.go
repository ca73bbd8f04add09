package triage

// heldout32_test.go is a thirty-second sample of severity (30) and chatter
// (30) cases, written by a helper that did not read the rules, after the
// thirtieth's fixes, with incidents told by their consequences in the
// business's own terms. First run: severity 17/30, chatter 19/30. The
// classes: orders cancelled and "not a single" or "zero" of a flow are a
// stopped flow; shipped one size too big is a wrong value; a time per
// item in minutes and "crawling" are slowness; retries that succeed are
// weak; "1 of our 34" and "1 in 200"; "don't get" as a failure beside a
// share; "downloaded from 3 foreign IPs" and an external scraper;
// "internal tool only" and customers "on schedule"; German "lehnt ... ab",
// "keine einzige", French "pas une seule", "zéro paiement", "ne sont pas
// touchés", Portuguese "não têm como ser recuperadas", Czech losses and
// backups; in chat, a device that "won't take" or "prints blank", "letting
// nobody in", "nobody ... can", work done by hand, "got no ...", "dead
// quiet" is not dead, and Spanish, Italian and Polish words for bouncing
// cards, leaving without paying, barriers that do not lift, old prices and
// arguing customers. After: severity 28/30, chatter 27/30. It has tuned
// rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: pizza delivery chains, freight cross-dock terminals, football stadiums, footwear e-commerce, meat processing plants, taxi dispatch, supermarket chains, fuel station loyalty, car rental, payroll bureaus, school bus operators, dairy cooperatives, casinos, fitness chains, parking garages.

import "testing"

var severityHeldout32 = []sevCase{
	// P1
	{"pizza ovens got no recipes", Signal{Title: "Store ovens got no recipes this morning", Text: "The nightly recipe push to the conveyor ovens failed. Every store except the two in Malta opened with empty oven programs (198 of 200 stores); the crews can't bake, so online and phone orders have been cancelled since opening at 11:00.", Severity: "low", Service: "oven-recipe-sync"}, 1, P1, "customer orders cancelled in nearly all stores; low label understates"},
	{"fahrer stehen am tor", Signal{Title: "Fahrer stehen am Tor – Zeitfenster-Check-in nimmt keine Buchungen an", Text: "Seit 05:30 lehnt das Gate-Check-in an allen 9 Umschlagterminals jede Zeitfensterbuchung ab ('Buchung unbekannt'). Rund 140 Lkw unserer Speditionskunden stehen vor den Schranken, seit 50 Minuten keine einzige Einfahrt.", Severity: "warning"}, 1, P1, "customer check-in fully stopped at every terminal"},
	{"entradas salen en blanco", Signal{Title: "Las entradas salen en blanco", Text: "Desde la actualización de anoche, el PDF de las entradas que reciben socios y compradores sale en blanco: ni código QR ni asiento. Pasa con todas las compras, unas 31.000 entradas para el partido del sábado, y en taquilla ya no dan abasto.", Severity: "media", Service: "ticketing"}, 1, P1, "every sold ticket unusable on tier 1"},
	{"pinbetalingen geweigerd aan de kassa", Signal{Title: "Pinbetalingen geweigerd aan de kassa", Text: "In 47 van de 50 winkels wordt ongeveer 6 op de 10 pinbetalingen aan de kassa geweigerd met 'transactie mislukt'. Klanten laten volle karren staan. Alleen de drie winkels in Limburg (ander type betaalterminal) werken normaal.", Severity: "P3"}, 1, P1, "about 60% of card payments failing in most stores"},
	{"rental deposit blocked twice", Signal{Title: "Deposit taken twice at every pick-up", Text: "Since the 06:00 release every customer collecting a car has had the EUR 300 deposit blocked twice on their card. 1,240 renters across all branches so far; the call centre is swamped with 'my card got declined at the hotel' calls.", Severity: "minor", Service: "rental-checkout"}, 1, P1, "money wrongly taken from many customers"},
	{"parkings aucune sortie payee", Signal{Title: "Aucune sortie payée depuis 35 minutes – barrières bloquées", Text: "En pleine heure de pointe, zéro paiement de sortie enregistré dans nos parkings depuis 17h25 (d'habitude ~500 sorties payées par heure sur le réseau). Les caisses automatiques refusent les tickets et les barrières ne se lèvent pas ; la file de voitures remonte jusque dans la rue.", Severity: "moyenne"}, 1, P1, "exit payment fully stopped, stated through time"},
	{"folhas de ponto sumiram", Signal{Title: "Folhas de ponto da semana passada sumiram", Text: "Depois da migração de ontem à noite, as folhas de ponto de 3.400 funcionários dos nossos clientes referentes à semana passada desapareceram do banco. O backup mais recente é de 10 dias atrás, então essas horas não têm como ser recuperadas e a folha de pagamento de sexta está em risco.", Severity: "baixa"}, 1, P1, "data loss on tier 1"},
	{"gym member profiles scraped", Signal{Title: "GuardDuty: member profiles scraped via sequential IDs", Text: "An external scraper walked /members/{id} on the member app API, which returned full profiles without checking ownership. 52,300 member records (name, home address, IBAN for the monthly direct debit, date of birth) were downloaded from 3 foreign IPs between 01:10 and 04:45.", Severity: "medium", Service: "member-api"}, 1, P1, "breach exposing customer data on tier 1"},
	{"school bus tracker success 0.07", Signal{Title: "[FIRING:1] BusTrackerSuccessLow bus-tracker-api (prod)", Text: "summary: parent app bus positions failing\ndescription: success ratio 0.07 over the last 20m (normally 0.998). Parents see 'location unavailable' for every route except route 14 while morning pick-ups are under way.", Severity: "critical", Service: "bus-tracker-api"}, 1, P1, "most requests failing on tier 1; label happens to be right"},
	{"warehouse shipping wrong size", Signal{Title: "Warehouse is shipping the wrong size", Text: "A size-mapping change on the pick lists at 06:00 shifted every EU size by one: all 2,900 orders picked since then went out one size too big (ordered 42, shipped 43). Packing is still running on the bad mapping.", Severity: "low"}, 1, P1, "wrong goods sent to every customer since 06:00"},

	// P2
	{"dyspozytornia gdansk na slepo", Signal{Title: "Dyspozytornia w Gdańsku działa na ślepo", Text: "Od 18:40 pozycje kierowców w Gdańsku nie odświeżają się na mapie dyspozytora, więc zlecenia rozdzielamy przez telefon. Pozostałe 11 miast działa normalnie.", Severity: "krytyczny"}, 1, P2, "one city of twelve"},
	{"casino cage cash-outs crawling", Signal{Title: "Cage cash-outs crawling – 4 min per ticket", Text: "Ticket redemption at the cashier cage takes about 4 minutes per ticket instead of the usual 20 seconds (SLO 45 s). Every payout goes through in the end, no errors; the queue is just long.", Severity: "P1"}, 1, P2, "slow beyond SLO without failures"},
	{"mjolkbonderna ser gamla siffror", Signal{Title: "Mjölkbönderna ser gamla siffror", Text: "Leverantörsportalen visar hämtade mjölkvolymer och fetthalt från i förrgår kväll – importen från tankbilarna har stått still i 30 timmar. Inga felmeddelanden, sidorna laddar, men siffrorna är gamla.", Severity: "kritisk"}, 1, P2, "stale data"},
	{"self-checkout declines 2.7", Signal{Title: "Datadog monitor: [Triggered] self-checkout card declines 2.7%", Text: "2.7% of card payments at self-checkout lanes failed over the last hour (baseline 0.3%), spread evenly across stores. Staffed tills are unaffected.", Severity: "critical", Service: "sco-payments"}, 1, P2, "1-5% failing"},
	{"loyalty points doubled for some", Signal{Title: "Loyalty points doubled overnight for some members", Text: "Members who filled up on Sunday with pay-at-pump in the app (about 4% of members) had that day's points credited twice overnight. Everyone else's balance is correct.", Severity: "high"}, 1, P2, "wrong values for a minority"},
	{"payslip archive down tier 2", Signal{Title: "Employees can't get their old payslips", Text: "The payslip archive portal has been answering 'service unavailable' for all client companies since 09:00. This month's payslips go out by email as normal; only the archive is down.", Severity: "low", Service: "payslip-archive"}, 2, P2, "outage of a tier-2 service"},
	{"steward rota export public tier 3", Signal{Title: "Steward rota spreadsheet left public", Text: "The volunteer steward rota tool had its export folder publicly readable for 6 days. It holds 812 volunteers' names, phone numbers and home addresses; the logs show the file was downloaded from outside IPs.", Severity: "low"}, 3, P2, "breach on tier 3"},
	{"season passes rejected at one garage", Signal{Title: "Season-pass cards rejected at one garage", Text: "Everything except the Harbour Street garage is fine. There, since 07:10, the entry barriers reject every season-pass card and drivers have to pull a paper ticket. That's 1 of our 34 garages.", Severity: "critical"}, 1, P2, "one site of many"},
	{"fotky potvrzeni doruceni ztraceny", Signal{Title: "Ztratily se fotky k potvrzení doručení", Text: "Při výpadku úložiště archivu dokladů se ztratily fotky potvrzení o doručení za 2. a 3. prosinec (asi 6 100 zásilek). Záloha neexistuje. Samotné doručování i sledování zásilek běží normálně.", Severity: "nízká"}, 2, P2, "data loss on tier 2"},
	{"yakit ucreti yanlis kesiliyor", Signal{Title: "İade edilen araçlara yanlışlıkla yakıt ücreti", Text: "Dünden beri iade edilen araçların yaklaşık %3'üne, depo dolu teslim edilmesine rağmen yakıt farkı ücreti kesiliyor. Diğer iadelerde ücretler doğru.", Severity: "kritik"}, 1, P2, "wrong charge for a small minority"},

	// P3
	{"nobody can clock in night shift", Signal{Title: "Nobody can clock in – night shift", Text: "Only on the night shift: the time clocks at the Oakfield plant reject every badge since 22:00. Supervisors are writing hours on paper and will key them in tomorrow; the lines are running and customer shipments are on schedule. Internal tool only.", Severity: "critical"}, 1, P3, "internal-only tool, production unaffected"},
	{"prognose bestelldatenbank voll", Signal{Title: "Prognose: Bestelldatenbank in ca. 3 Wochen voll", Text: "Bei aktuellem Wachstum ist der Speicher der Bestelldatenbank in etwa 20 Tagen voll (heute 71 % belegt). Bestellungen laufen normal, nichts schlägt fehl.", Severity: "hoch"}, 1, P3, "forecast, nothing failing"},
	{"free returns banner over photo", Signal{Title: "'Free returns' banner covers the shoe photo on tablets", Text: "On tablets in portrait mode the free-returns banner overlaps the top of the product photo. Sizes, prices and checkout all work normally.", Severity: "high"}, 1, P3, "cosmetic"},
	{"tito voucher print 0.3", Signal{Title: "[FIRING:1] SlotTicketPrintErrors floor-tito (prod)", Text: "summary: TITO voucher print failures\ndescription: 0.3% of cash-out vouchers failed to print over the last hour (11 of 3,700); the machine retries and the player gets the voucher on the second attempt.", Severity: "P1", Service: "floor-tito"}, 1, P3, "under 1% failing"},
	{"lost property form down tier 3", Signal{Title: "Lost-property form down for 3 hours", Text: "The 'I left something in a cab' form on the website has returned HTTP 500 since 08:00. Passengers can still phone the lost-property desk. No data lost.", Severity: "critical"}, 3, P3, "tier-3 outage without breach or data loss"},
	{"bus stop name misspelled can wait", Signal{Title: "Stop name misspelled on the new timetable map", Text: "On the parent app's map for the January timetable the stop 'Millbrook Rd' shows as 'Milbrook Rd'. Routes and times are correct. Reporter says it can wait until after the holidays.", Severity: "urgent"}, 1, P3, "cosmetic, can wait"},
	{"outil coachs playlists", Signal{Title: "L'outil de planification des coachs n'enregistre plus les playlists", Text: "Depuis ce matin, l'outil interne où les coachs préparent leurs cours ne sauvegarde plus les playlists. Les réservations des adhérents et l'accès aux salles ne sont pas touchés.", Severity: "élevée"}, 1, P3, "internal only"},
	{"tanker sim contract expiring", Signal{Title: "Tanker telematics SIM contract expires in 10 days", Text: "The data SIM contract for the milk tankers' telematics units runs out on 15 December and hasn't been renewed. Everything reports normally today; if it lapses, collection routes would lose live tracking.", Severity: "critical"}, 1, P3, "risk, nothing failing yet"},
	{"digital receipts 1 in 200", Signal{Title: "Digital receipts missing for about 1 in 200 shoppers", Text: "Roughly 0.5% of loyalty-card shoppers don't get the digital receipt in the app after paying; payment and points are fine for all of them.", Severity: "major"}, 1, P3, "under 1% affected"},
	{"torjubel animation ruckelt", Signal{Title: "Torjubel-Animation auf der Anzeigetafel ruckelt", Text: "Die Tor-Animation auf der Videowand im Stadion ruckelt seit dem letzten Update. Spielstand, Uhr und Einlass funktionieren normal, ist rein optisch.", Severity: "kritisch"}, 1, P3, "cosmetic"},
}

var chatterHeldout32 = []chatCase{
	// incidents
	{"the ovens in Bromley got no recipes again this morning, lads are hand-timing the pizzas", true},
	{"drivers idling at gate 3 for like an hour, the kiosk won't take their booking refs", true},
	{"tickets print blank on both box office printers 🙃 matchday tomorrow btw", true},
	{"warehouse is shipping the wrong size again?? three returns today saying they got a 44 instead of a 42", true},
	{"nobody on the night shift can clock in, the terminals just beep at them", true},
	{"¿Alguien más ve que en la caja 4 las tarjetas rebotan todo el rato? Los clientes se están yendo sin pagar", true},
	{"Die Treuepunkte haben sich über Nacht verdoppelt, bei mir im Kundenkonto stehen 8.400 statt 4.200 – ist das gewollt?", true},
	{"Pas une seule commande depuis 40 min un samedi midi, d'habitude on tourne à ~300/h... c'est normal ?", true},
	{"dispatch tá voando às cegas, o mapa não mostra nenhum táxi desde as 19h", true},
	{"Il parcheggio di via Roma non alza la sbarra in uscita, la gente suona al citofono da mezz'ora", true},
	{"not urgent but the dairy farmers stopped getting their collection slips in the app since this morning", true},
	{"love that the school bus app says every single bus is 'arriving now' for 2 hours straight. super helpful", true},
	{"kasy samoobsługowe pokazują stare promocje, klienci się kłócą przy wyjściu", true},
	{"gym door scanners r letting nobody in w/ the app QR, front desk buzzing ppl in by hand", true},
	{"rental cars at the airport branch won't unlock from the app, customers stuck at the bay since 7", true},

	// chatter
	{"we absolutely crushed it this weekend — 18k pizzas, record for the chain 🍕", false},
	{"the 'Stampede Saturday' launch blew up on Twitter in a good way, stadium merch is trending", false},
	{"dead quiet on call tonight, just me and the parking garage cameras 😴", false},
	{"killer demo from the footwear team today, the new fit-finder is slick", false},
	{"Heads-up: planned maintenance on the payroll timesheet system Sunday 01:00–03:00, clients will see a maintenance page", false},
	{"Postmortem from last month's clock-in outage at the plant is up, key takeaways on page 2", false},
	{"Wer kann mir Lesezugriff auf das Kassen-Dashboard der Filialen geben?", false},
	{"¿Cómo exporto el informe de rutas de autobús a Excel? No falla nada, es que no encuentro el botón", false},
	{"Planejamento de capacidade: pra Black Friday vamos precisar de mais 3 nós no cluster de pedidos", false},
	{"Notre nouvelle formule 'Carnage', un HIIT de 45 min, démarre lundi dans toutes les salles 💪", false},
	{"poker night with the casino floor team on Friday, who's bringing chips? 🎰", false},
	{"that pub quiz was a bloodbath, team Dairy won by 20 points 😂", false},
	{"Why did the taxi dispatcher break up with the GPS? It kept recalculating the relationship 🚕", false},
	{"Yesterday's tills meltdown is fully resolved, thanks to everyone who stayed late, closing the incident channel", false},
	{"Dünkü lansman bomba gibiydi, herkesin eline sağlık 🎉", false},
}

func TestSeverityWorldHeldout32(t *testing.T) {
	runSevSample(t, "severity held-out 32", severityHeldout32)
}

func TestChatterWorldHeldout32(t *testing.T) {
	runChatSample(t, "chatter held-out 32", chatterHeldout32)
}
