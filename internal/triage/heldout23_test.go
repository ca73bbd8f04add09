// heldout23_test.go is a twenty-third known-issue sample (16 cases),
// written by a helper that did not read the matcher, after the
// twenty-first's fixes and the vocabulary of everyday and foreign words:
// reports as support and ops write them, not riddles. First run: correct
// 6/16, precision 0.56 (5/9 claims, four wrong), recall 0.45. The wrong
// claims were issues whose failure or cause the evidence showed absent in
// ways the checks did not read: a status after a comma ("last sync 21:00,
// ok"), a counter of the failure with one more word than the issue
// ("invoice_run_contracts_skipped = 0"; "skipped" was no failure word), an
// age the issue bounds only in words ("the applied rate is days old"
// against "fx_rate_age_hours{...} = 2", its label set hiding the value), and
// a report saying what the issue says runs late is in step ("the price
// ticker ... matches the ring"). After those: 10/16, precision 1.00,
// recall 0.45. It has tuned rules since, so it is no longer held out.
// Written without reading the triage rules on 2026-12-05. Industries: car-sharing, surf schools, notaries, cruise lines, lottery kiosks, student housing, ski schools, aquariums, vineyard tours, yacht charter, piano shops, horse auctions, tea importers, campsites, skydiving, furniture rental.
package triage

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout23 = []kiCase{
	// paraphrase: support ticket
	{
		name:    "car-sharing double charge on end ride ticket",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CAR-1", Title: "Remote unlock fails when telematics unit is offline in underground garages", Symptoms: "Unlock command times out; vehicle last-seen location hours old; cellular signal lost in parking garages"},
			{ID: "KI-CAR-2", Title: "Trip billed twice when end-trip request is retried", Symptoms: "Customer charged twice for one trip; duplicate trip-end events after the mobile app retries on timeout; no idempotency key on end-trip"},
			{ID: "KI-CAR-3", Title: "Driving licence verification stuck pending when OCR vendor rate-limits", Symptoms: "New sign-ups stuck at 'verifying licence'; vendor API returns 429 Too Many Requests"},
		},
		service: config.Service{Name: "trip-billing", Domains: []string{"car-sharing", "billing", "trips"}},
		sig: Signal{
			Title:   "Ticket #48213: charged 2x for one rental",
			Text:    "Customer (Saturday rental, Fiat 500 in Kreuzberg) says her card shows two identical charges of 38.40 EUR about 14 seconds apart. When she tapped 'End ride' the app kept spinning, so she tapped it again. She only drove once. Can billing refund and check whether others are affected?",
			Service: "trip-billing",
		},
		want: "KI-CAR-2",
	},
	// paraphrase: Slack message from ops
	{
		name:    "surf school lessons on stale tide data slack",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SURF-1", Title: "Lesson slots computed from stale tide table when tide feed import fails", Symptoms: "Booking page offers lessons at the wrong tide; nightly tide-table import job fails with a parse error and slots keep using the previous day's table"},
			{ID: "KI-SURF-2", Title: "Waivers not saved when e-signature service times out", Symptoms: "Students sign the waiver on the tablet but no waiver record exists; e-signature API timeouts"},
			{ID: "KI-SURF-3", Title: "Instructor shift pushes not delivered after FCM token rotation", Symptoms: "Instructors miss rota changes on Android; push send returns NotRegistered"},
		},
		service: config.Service{Name: "lesson-booking", Domains: []string{"surf school", "bookings"}},
		sig: Signal{
			Title:   "booking page offering lessons at high water?",
			Text:    "hey all, morning crew at Praia Norte says the site is selling the 7am beginner lesson but low water is actually ~13:00 today, 7am is basically shore break. looks like it's still running on monday's numbers. the overnight pull from the tides provider died with something about an unexpected column. can someone kick it?",
			Service: "lesson-booking",
		},
		want: "KI-SURF-1",
	},
	// paraphrase: alert whose metric names hint at the mechanism
	{
		name:    "notary seal backlog alert tsa timeouts",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-NOT-1", Title: "Deeds stuck unsealed when the qualified timestamp authority is unreachable", Symptoms: "Clients finish signing but the sealing step fails; timestamp authority (TSA) requests time out; documents remain in 'awaiting seal'"},
			{ID: "KI-NOT-2", Title: "Remote identification video calls drop behind corporate firewalls", Symptoms: "Video identity check disconnects after a few seconds; WebRTC ICE failures; TURN relay unreachable"},
			{ID: "KI-NOT-3", Title: "Deed archive search misses recent deeds after index rebuild", Symptoms: "Recently registered deeds not found in search for hours; search index lag after rebuild"},
		},
		service: config.Service{Name: "deed-signing", Domains: []string{"notary", "e-signature", "deeds"}},
		sig: Signal{
			Title:   "[FIRING] SealQueueBacklog porto-office",
			Text:    "seal_queue_pending{office=\"porto\"} = 214 > 200 for 15m. tsa_client_request_timeouts_total increasing since 09:12. Signed deeds are not getting their seal.",
			Service: "deed-signing",
		},
		evidence: []string{
			"metric: tsa_client_request_duration_seconds p99 = 30",
			"log: WARN seal worker: POST https://tsa.qualified-trust.example/tsr: context deadline exceeded",
		},
		want: "KI-NOT-1",
	},
	// paraphrase: support ticket
	{
		name:    "cruise key cards dead after cabin move",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CRU-1", Title: "Shore excursions oversold when port capacity cache is stale", Symptoms: "More guests booked on an excursion than the operator's capacity; capacity cache not refreshed after operator update"},
			{ID: "KI-CRU-2", Title: "Key cards not re-encoded after a cabin change", Symptoms: "Guest's key card rejected at the new cabin door; property-management system does not send the cabin-move event to the door lock system"},
			{ID: "KI-CRU-3", Title: "Onboard account charges declined while satellite link is down", Symptoms: "Bar and shop purchases declined 'offline' when the VSAT link drops; POS cannot reach the folio service"},
		},
		service: config.Service{Name: "guest-services", Domains: []string{"cruise", "cabins", "door locks"}},
		sig: Signal{
			Title:   "Guest locked out after room swap (deck 9)",
			Text:    "Mrs. Alvarez was moved from 8142 to 9020 last night because of a plumbing leak. This morning her card opens neither cabin. Front desk had to cut a new card by hand at the lock terminal. Purser's office says three other guests who swapped cabins this cruise had the same thing.",
			Service: "guest-services",
		},
		want: "KI-CRU-2",
	},
	// paraphrase: Slack from ops
	{
		name:    "lottery kiosks selling after cutoff slack",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-LOT-1", Title: "Kiosks sell tickets after draw close because of clock drift", Symptoms: "Tickets timestamped after the draw cutoff; kiosk clock drifts because NTP is not syncing"},
			{ID: "KI-LOT-2", Title: "Ticket printer paper-out not reported to central monitoring", Symptoms: "Kiosk stops printing but shows healthy in monitoring; paper sensor status not forwarded"},
			{ID: "KI-LOT-3", Title: "High-value winning tickets fail validation due to integer overflow", Symptoms: "Validation of large prizes errors with numeric overflow; small prizes validate fine"},
		},
		service: config.Service{Name: "kiosk-sales", Domains: []string{"lottery", "kiosks", "draws"}},
		sig: Signal{
			Title:   "Ridgeview kiosks sold Saturday draw tickets at 20:04",
			Text:    "FYI compliance flagged it: three kiosks in the Ridgeview cluster were still selling for Saturday's draw at 20:04 and 20:06, cutoff is 20:00 sharp. Their system time is running 6-7 min behind. chronyc says no reachable sources, probably since the firewall change on Thursday.",
			Service: "kiosk-sales",
		},
		want: "KI-LOT-1",
	},
	// Spanish
	{
		name:    "student housing door codes mid-term spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-STU-1", Title: "Door access codes not provisioned for mid-semester move-ins", Symptoms: "Residents who move in after term start cannot open building doors; the access-control sync job only runs at semester start"},
			{ID: "KI-STU-2", Title: "Rent direct debits collected twice when payment batch reruns", Symptoms: "Residents charged rent twice in the same month after the debit batch is rerun"},
			{ID: "KI-STU-3", Title: "Laundry app shows machines busy when they are free", Symptoms: "Machines stuck as 'in use' after the IoT sensor heartbeat is lost"},
		},
		service: config.Service{Name: "resident-access", Domains: []string{"student housing", "access control"}},
		sig: Signal{
			Title:   "Residentes nuevos no pueden entrar al edificio B",
			Text:    "Tres estudiantes que llegaron la semana pasada (traslados a mitad de cuatrimestre) no pueden entrar al edificio B: el teclado de la puerta rechaza su código. Los que entraron en septiembre no tienen ningún problema. Parece que nunca se les dio de alta en el sistema de control de accesos.",
			Service: "resident-access",
		},
		want: "KI-STU-1",
	},
	// German
	{
		name:    "ski school lift passes rejected german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SKI-1", Title: "Children dropped from group lesson roster when a parent edits the booking", Symptoms: "Child missing from the instructor's roster after the parent changes lesson days"},
			{ID: "KI-SKI-2", Title: "Group lift passes rejected after pass provider rotates its signing key", Symptoms: "Pre-issued lift passes for lesson groups rejected at turnstiles with 'invalid signature' after the provider's key rotation"},
			{ID: "KI-SKI-3", Title: "Sick instructors still assigned to lessons", Symptoms: "Sick leave entered in HR is not reflected in lesson assignment; HR webhook not consumed"},
		},
		service: config.Service{Name: "group-passes", Domains: []string{"ski school", "lift passes"}},
		sig: Signal{
			Title:   "Liftkarten der Kursgruppen werden an der Talstation abgewiesen",
			Text:    "Seit heute früh kommen unsere Kindergruppen nicht durchs Drehkreuz an der Talstation, das Lesegerät zeigt 'Signatur ungültig'. Einzelkarten von der Kasse funktionieren. Der Liftbetreiber sagt, sie hätten über Nacht ihren Schlüssel getauscht. Die Skilehrer warten mit 40 Kindern unten.",
			Service: "group-passes",
		},
		want: "KI-SKI-2",
	},
	// French
	{
		name:    "aquarium oxygen alarm delayed french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-AQ-1", Title: "Water-quality alarms delayed when sensor gateway buffers readings", Symptoms: "Low oxygen or pH alarms arrive 20-40 minutes late; sensor gateway queue backlog; readings shown late on the dashboard"},
			{ID: "KI-AQ-2", Title: "Timed-entry tickets show wrong slot after daylight saving change", Symptoms: "Visitors' tickets display an entry time one hour off after the clock change"},
			{ID: "KI-AQ-3", Title: "Feeding log edits lost when keeper tablets reconnect", Symptoms: "Feeding entries made offline disappear after sync; server last-write-wins overwrites local changes"},
		},
		service: config.Service{Name: "tank-monitoring", Domains: []string{"aquarium", "life support", "sensors"}},
		sig: Signal{
			Title:   "Alerte oxygène bassin méduses arrivée avec 35 min de retard",
			Text:    "Ce matin un soigneur a vu à 9h10 que l'oxygène du bassin des méduses était très bas, mais l'alerte n'est arrivée sur les téléphones qu'à 9h45. Sur le tableau de bord les mesures ont une demi-heure de retard et la passerelle des capteurs a l'air d'accumuler une file d'attente. Les animaux vont bien, on a relancé l'aération à la main.",
			Service: "tank-monitoring",
		},
		want: "KI-AQ-1",
	},
	// Portuguese
	{
		name:    "vineyard tour partner bookings missing portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-VIN-1", Title: "Booking confirmation emails go to spam after DKIM key change", Symptoms: "Guests don't receive tour confirmations; messages fail DKIM and land in spam"},
			{ID: "KI-VIN-2", Title: "Tasting add-on priced in wrong currency for foreign cards", Symptoms: "Foreign cardholders see the add-on price in their card currency without conversion"},
			{ID: "KI-VIN-3", Title: "Pickup manifest missing bookings made through reseller partners", Symptoms: "Bookings from partner agencies absent from the driver's pickup list; partner API sync fails silently; direct bookings unaffected"},
		},
		service: config.Service{Name: "tour-ops", Domains: []string{"vineyard tours", "transport", "partners"}},
		sig: Signal{
			Title:   "Turistas da agência parceira ficaram à espera no hotel",
			Text:    "Hoje de manhã vários turistas que reservaram através da agência parceira ficaram à espera no hotel no Porto e a carrinha não passou. O motorista diz que os nomes deles não estavam na lista de recolha. As reservas feitas no nosso site aparecem todas. Já é a segunda vez esta semana.",
			Service: "tour-ops",
		},
		want: "KI-VIN-3",
	},
	// vague report, evidence pins the mechanism
	{
		name:    "yacht calendar vague evidence shows concurrent confirmations",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-YAC-1", Title: "Charter contract PDF fails for bookings with more than 12 guests", Symptoms: "Contract generation errors for large parties; template overflow on guest list page"},
			{ID: "KI-YAC-2", Title: "Yacht double-booked when two brokers confirm at the same moment", Symptoms: "Same yacht confirmed for overlapping weeks; race between concurrent broker confirmations; availability check not locked"},
			{ID: "KI-YAC-3", Title: "Marina berth availability stale due to long cache TTL", Symptoms: "Berths shown free that the marina has already allocated; berth API responses cached for 24h"},
			{ID: "KI-YAC-4", Title: "Deposits stuck when bank 3-D Secure redirect times out", Symptoms: "Charter deposit stays 'authorising'; 3-D Secure challenge page times out"},
		},
		service: config.Service{Name: "charter-calendar", Domains: []string{"yacht charter", "bookings", "brokers"}},
		sig: Signal{
			Title:   "Something off with Aurora's calendar",
			Text:    "Aurora's owner called, pretty upset about July. Can someone take a look?",
			Service: "charter-calendar",
		},
		evidence: []string{
			"log: booking 5521 confirmed yacht=aurora week=2027-W28 broker=medsail at 14:02:11.402",
			"log: booking 5522 confirmed yacht=aurora week=2027-W28 broker=bluewake at 14:02:11.417",
			"trace: both confirm requests ran availability_check -> free before either insert committed; no row lock taken",
		},
		want: "KI-YAC-2",
	},
	// vague report, evidence pins the mechanism
	{
		name:    "piano shop site looks broken evidence origin cert expired",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PIA-1", Title: "Tuning appointment reminders sent in the wrong timezone", Symptoms: "Customers get tuning reminder SMS an hour early or late; reminders scheduled in UTC"},
			{ID: "KI-PIA-2", Title: "Product images break when the CDN origin certificate expires", Symptoms: "Listing pages show broken images; CDN returns 526 invalid origin certificate"},
			{ID: "KI-PIA-3", Title: "Checkout fails for grand pianos when freight quote service times out", Symptoms: "Orders with heavy items fail at checkout; freight quote API timeouts; small items check out fine"},
		},
		service: config.Service{Name: "shop-web", Domains: []string{"piano shop", "webshop", "catalogue"}},
		sig: Signal{
			Title:   "Website looks weird",
			Text:    "A customer emailed a screenshot, the shop pages look kind of empty. Not sure what's going on, can someone check?",
			Service: "shop-web",
		},
		evidence: []string{
			"metric: cdn_edge_responses{status=\"526\",path=\"/media/*\"} = 3412 last 1h",
			"log: origin tls handshake failed: x509: certificate has expired (NotAfter 2026-12-04T23:59:59Z) host=media-origin.pianohaus.example",
			"metric: shop_html_responses_5xx = 0",
		},
		want: "KI-PIA-2",
	},
	// look-alike: bidding lag, but websocket fanout healthy; the video stream is late
	{
		name:    "horse auction bids late but video latency not fanout",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-HOR-1", Title: "Live bidding lags behind the auctioneer when websocket fanout saturates", Symptoms: "Online bidders see prices 10-20 s late; websocket broadcast queue grows; bids arrive after the hammer"},
			{ID: "KI-HOR-2", Title: "Vet report PDFs return 404 after storage migration", Symptoms: "Lot catalogue vet reports and X-ray links return 404 Not Found"},
			{ID: "KI-HOR-3", Title: "Bidder deposit holds not released after the sale", Symptoms: "Unsuccessful bidders' card holds remain for weeks after the auction"},
		},
		service: config.Service{Name: "live-bidding", Domains: []string{"horse auctions", "bidding", "streaming"}},
		sig: Signal{
			Title:   "Online bidders: hammer falls before we see the price",
			Text:    "Several remote bidders at the yearling sale say they are 20+ seconds behind the ring and lost lots because the hammer fell before they saw the last bid. Bid buttons themselves respond instantly, the price ticker in the app matches the ring; it's the ring video that is behind.",
			Service: "live-bidding",
		},
		evidence: []string{
			"metric: ws_broadcast_queue_depth max 3 over 1h",
			"metric: ws_fanout_latency_p99_ms = 85",
			"metric: hls_live_edge_latency_seconds = 24 (target 6) after encoder profile changed to 12 s segments",
		},
		want: "",
	},
	// look-alike: invoice totals off, but FX rate is fresh; supplier applied an unplanned discount
	{
		name:    "tea importer invoice mismatch not stale fx",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TEA-1", Title: "Customs declarations rejected after HS code table update", Symptoms: "Declarations for some teas rejected with 'invalid commodity code' after tariff table import"},
			{ID: "KI-TEA-2", Title: "Warehouse humidity alerts flood during defrost cycle", Symptoms: "Dozens of humidity alerts every night during the cold-room defrost"},
			{ID: "KI-TEA-3", Title: "Supplier invoices in CNY converted with stale FX rate", Symptoms: "Invoice totals in EUR off by a few percent; FX rate feed not refreshed; applied rate is days old"},
		},
		service: config.Service{Name: "supplier-invoicing", Domains: []string{"tea import", "invoices", "fx"}},
		sig: Signal{
			Title:   "Fujian supplier invoice doesn't match our converted total",
			Text:    "Accounts payable: the EUR total we booked for the Fujian oolong shipment is about 3% higher than what the supplier's invoice says. Is the currency conversion off again?",
			Service: "supplier-invoicing",
		},
		evidence: []string{
			"metric: fx_rate_age_hours{pair=\"CNY/EUR\"} = 2",
			"log: rate applied to INV-7781 = 0.1289, reference rate at invoice date = 0.1289",
			"log: INV-7781 supplier lines include 3% early-payment discount not present on PO-2231; our booking used PO prices",
		},
		want: "",
	},
	// look-alike: late arrivals stuck at barrier, but whitelist synced; camera IR fault misreads plate
	{
		name:    "campsite barrier stuck at night but plate whitelisted",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CAMP-1", Title: "Pitch booking page times out when map tile service is slow", Symptoms: "Booking page hangs loading the site map; tile server latency over 10 s"},
			{ID: "KI-CAMP-2", Title: "Late arrivals stuck at barrier because booking sync to gate runs hourly", Symptoms: "Guests arriving after 22:00 not let in by the ANPR barrier; their plate is not on the gate whitelist yet because bookings sync to the gate controller only hourly"},
			{ID: "KI-CAMP-3", Title: "Electric hookup meter readings missing after gateway firmware update", Symptoms: "No kWh readings for pitches after the LoRa gateway update; guests not billed for power"},
		},
		service: config.Service{Name: "gate-control", Domains: []string{"campsite", "barrier", "anpr"}},
		sig: Signal{
			Title:   "Guests stuck at the barrier last night",
			Text:    "Night warden had to open the barrier by hand for four cars between 22:30 and 01:00. Camera didn't recognise their plates. All four had booked weeks ago.",
			Service: "gate-control",
		},
		evidence: []string{
			"log: gate whitelist contains EF-482-KL, TR-119-ZB, AB-730-PQ, GH-055-MN (last sync 21:00, ok)",
			"log: ANPR read 'EF-482-KI' confidence 0.58; read 'TR-119-2B' confidence 0.61",
			"metric: barrier_camera_ir_illuminator_ok = 0 since 19:40",
		},
		want: "",
	},
	// nothing fits: new problem in the same domain
	{
		name:    "skydiving jump video uploads stuck nothing fits",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SKY-1", Title: "Tandem waiver e-signature fails on iOS Safari", Symptoms: "Signature pad does not register touches on iPhone; waiver cannot be submitted"},
			{ID: "KI-SKY-2", Title: "Manifest loses load assignments when two clerks edit the same load", Symptoms: "Jumpers disappear from a load after concurrent edits in the manifest app"},
			{ID: "KI-SKY-3", Title: "Weather hold notifications not sent when wind API key expires", Symptoms: "Jumpers not told about weather holds; wind data API returns 401; notification job skipped"},
		},
		service: config.Service{Name: "media-delivery", Domains: []string{"skydiving", "media", "uploads"}},
		sig: Signal{
			Title:   "Tandem videos not reaching customers",
			Text:    "Camera flyers say their uploads from the hangar laptop sit at 99% and never finish. Customers who paid for the video package haven't received links since Tuesday.",
			Service: "media-delivery",
		},
		evidence: []string{
			"log: CompleteMultipartUpload failed: 400 EntityTooSmall (part 7 is 3.1 MB, minimum 5 MB) bucket=jump-videos",
			"log: uploader v2.4.0 deployed Tuesday 10:15, part size setting changed to 'auto'",
		},
		want: "",
	},
	// nothing fits: new problem in the same domain
	{
		name:    "furniture rental returns not checked in nothing fits",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FUR-1", Title: "Delivery slot picker offers slots outside the van's zone", Symptoms: "Customers in postcodes not served by any van can book delivery slots; bookings later cancelled"},
			{ID: "KI-FUR-2", Title: "Monthly invoices skip contracts starting on the 29th-31st", Symptoms: "Customers whose contract began on the 29th, 30th or 31st are not invoiced in shorter months; billing cron date math"},
			{ID: "KI-FUR-3", Title: "Damage claim photos fail to upload from the driver app on slow networks", Symptoms: "Driver app photo upload times out on 3G; damage claims created without photos"},
		},
		service: config.Service{Name: "rental-inventory", Domains: []string{"furniture rental", "inventory", "billing"}},
		sig: Signal{
			Title:   "Customers still billed after we collected the sofa",
			Text:    "Support has 11 complaints this week: we picked up their rental furniture, but next month's invoice still came. In the back office the items still show as 'on rent' even though the warehouse has them on the shelf.",
			Service: "rental-inventory",
		},
		evidence: []string{
			"log: return-scan rejected: unknown SKU format 'FR26-SOF-00412' (expected FR-YYYY-NNNNN), item left in state ON_RENT",
			"log: warehouse label printer template updated Monday to new SKU format",
			"metric: invoice_run_contracts_skipped = 0",
		},
		want: "",
	},
}

func TestKnownIssueHeldout23(t *testing.T) {
	runKISample(t, "known-issue held-out 23", kiHeldout23)
}
