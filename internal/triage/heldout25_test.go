// heldout25_test.go is a twenty-fifth known-issue sample (16 cases),
// written by a helper that did not read the matcher, after the
// twenty-third's fixes: alerts, support and ops reports, three other
// languages, and look-alikes whose evidence rules the issue out in varied
// ways. First run: correct 7/16, precision 0.57 (4/7 claims, three wrong),
// recall 0.40. Two wrong claims were zero counters whose label named the
// failure ('smtp_relay_deferred_total{code="421"} = 0',
// 'sms_send_failures_total{reason="insufficient_credit"} = 0'): the label
// set hid the value and its words were not read; the third was a backlog
// at zero against an issue of saturated threads ("backlog" was no failure
// word). After: 10/16, precision 1.00, recall 0.40 (the misses: three
// reports in their own words, three in other languages). It has tuned
// rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-05. Industries: dog kennels, cable cars, vertical farms, bin collection, luthiers, food trucks, pest control, farmers markets, scaffolding hire, fertility clinics, carpet cleaning, paintball, thrift stores, blood donor sessions, window cleaning, toy libraries.
package triage

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout25 = []kiCase{
	// --- alerts from monitoring ---
	// alert: kennel webcam signed URLs expiring mid-stream
	{
		name:    "kennel cam stream tokens expire alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-KEN-1", Title: "Vaccination certificate OCR fails on phone photos", Symptoms: "Owners' uploaded vaccination cards are rejected as unreadable; OCR confidence below threshold for photos taken at an angle"},
			{ID: "KI-KEN-2", Title: "Run allocation double-books after calendar migration", Symptoms: "Two dogs assigned to the same run for overlapping nights; stays created before the migration shifted by one day"},
			{ID: "KI-KEN-3", Title: "Kennel cam signed stream URLs expire mid-session", Symptoms: "Owners watching the live kennel cam are cut off after about 15 minutes; the HLS edge rejects segment requests with 403 because the signed URL token expired and the player never refreshes it", Domains: []string{"webcam", "streaming"}},
		},
		service: config.Service{Name: "kennel-cam", Domains: []string{"kennels", "webcam", "streaming"}},
		sig:     Signal{Title: "[FIRING:1] KennelCamStream403High (kennel-cam prod)", Text: "kennelcam_stream_403_total rate > 5/min for 10m. 412 viewer sessions dropped.", Service: "kennel-cam"},
		evidence: []string{
			"metric: kennelcam_stream_403_total{reason=\"token_expired\"} = 412",
			"metric: kennelcam_session_duration_seconds p50 = 902",
			"log: WARN hls-edge: signature expired exp=1764921600 now=1764921604 path=/cam/run-14/seg_00231.ts",
			"log: INFO player: no token refresh handler registered, retrying same URL",
		},
		want: "KI-KEN-3",
	},
	// alert: cable car telemetry broker out of disk
	{
		name:    "cable car mqtt broker disk full alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CAB-1", Title: "Cabin telemetry broker stops accepting publishes when its disk fills", Symptoms: "Telemetry from gondola cabins stops arriving; the MQTT broker cannot persist its database and rejects PUBLISH once the data volume is full", Runbook: "Prune retained messages and grow /var/lib/mosquitto; restart broker."},
			{ID: "KI-CAB-2", Title: "Anemometer value goes stale and keeps the line at full speed", Symptoms: "Wind reading flat-lines at the last value; automatic slowdown does not trigger in gusts"},
			{ID: "KI-CAB-3", Title: "Ticket gate NFC readers crash-loop after firmware 3.4", Symptoms: "Gates at the valley station reboot every few minutes; season passes not read"},
		},
		service: config.Service{Name: "cabin-telemetry", Domains: []string{"cable car", "telemetry", "mqtt"}},
		sig:     Signal{Title: "Alertmanager: MqttPublishRejected broker-2", Text: "cabin-telemetry: broker-2 refusing PUBLISH, gap in telemetry cabins 1-24 since 06:41.", Service: "cabin-telemetry"},
		evidence: []string{
			"metric: node_filesystem_avail_bytes{instance=\"broker-2\",mountpoint=\"/var/lib/mosquitto\"} = 0",
			"log: mosquitto[812]: Error saving in-memory database, unable to open /var/lib/mosquitto/mosquitto.db.new for writing: No space left on device",
			"metric: mqtt_publish_rejected_total{instance=\"broker-2\"} = 18344",
			"metric: anemometer_last_update_age_seconds = 2",
		},
		want: "KI-CAB-1",
	},
	// alert: vertical farm dosing controller loses Modbus after PLC reboot
	{
		name:    "vertical farm dosing modbus timeouts alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-VF-1", Title: "Nutrient dosing controller loses Modbus link after PLC reboot", Symptoms: "After a rack PLC restarts the dosing service keeps its stale TCP connection; Modbus reads time out, pumps stop dosing and nutrient EC drifts down"},
			{ID: "KI-VF-2", Title: "Grow light schedule shifted by an hour after DST", Symptoms: "LED photoperiod starts an hour early after the clock change"},
			{ID: "KI-VF-3", Title: "Harvest label printer queue stuck", Symptoms: "Crate labels not printed; print spooler job stuck in 'processing'"},
			{ID: "KI-VF-4", Title: "Humidity sensors drift after cleaning cycle", Symptoms: "Relative humidity reads 10-15 points high for a day after the rack wash"},
		},
		service: config.Service{Name: "fertigation", Domains: []string{"vertical farm", "dosing", "plc"}},
		sig:     Signal{Title: "FIRING dosing_modbus_timeouts_total increasing rack=B", Text: "", Service: "fertigation"},
		evidence: []string{
			"metric: dosing_modbus_timeouts_total{rack=\"B\"} = 2210",
			"log: ERROR modbus: read holding registers 10.4.2.17:502 unit=3: i/o timeout",
			"log: INFO plc-rack-b: cold start complete 03:12:44",
			"metric: nutrient_ec_ms_cm{rack=\"B\"} = 0.6",
		},
		want: "KI-VF-1",
	},
	// alert: nightly route optimiser OOMKilled
	{
		name:    "bin collection route optimiser oomkilled alert",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BIN-1", Title: "Nightly route optimiser runs out of memory on large depots", Symptoms: "The route optimisation job is OOMKilled for depots with more than 40k lifts; crews start the day on the previous day's routes"},
			{ID: "KI-BIN-2", Title: "Bin-lift RFID reads lost when cab tablet is offline", Symptoms: "Lifts not recorded for streets with poor coverage; residents wrongly flagged as missed collections"},
			{ID: "KI-BIN-3", Title: "Missed-collection web form flooded by spam", Symptoms: "Hundreds of junk missed-bin reports per hour fill the CRM queue"},
		},
		service: config.Service{Name: "route-planner", Domains: []string{"waste collection", "routing"}},
		sig:     Signal{Title: "KubeJobFailed: route-optimiser-nightly-28911 (waste-ops)", Text: "Job waste-ops/route-optimiser-nightly-28911 failed to complete.", Service: "route-planner"},
		evidence: []string{
			"log: kubelet: container optimiser terminated reason=OOMKilled exitCode=137",
			"metric: container_memory_working_set_bytes{container=\"optimiser\"} = 4294967296",
			"metric: kube_pod_container_resource_limits{container=\"optimiser\",resource=\"memory\"} = 4294967296",
			"log: WARN dispatch: no plan for 2026-12-05 depot=north (43,118 lifts), reusing plan from 2026-12-04",
		},
		want: "KI-BIN-1",
	},

	// --- support and ops reports in their own words ---
	{
		name:    "luthier pickup text before setup done",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-LUTH-1", Title: "Repair intake photos lost when upload is interrupted", Symptoms: "Condition photos taken at intake missing from the repair ticket if the tablet loses Wi-Fi mid-upload"},
			{ID: "KI-LUTH-2", Title: "'Ready for pickup' SMS fires on the wrong status transition", Symptoms: "Customers are texted that their instrument is ready when the ticket moves into setup, not when it is marked finished"},
			{ID: "KI-LUTH-3", Title: "Parts stock goes negative after returns", Symptoms: "Strings and saddles show negative on-hand counts after a return is processed twice"},
		},
		service: config.Service{Name: "repair-desk", Domains: []string{"instrument repair", "notifications"}},
		sig:     Signal{Title: "Customers turning up for guitars that aren't done", Text: "Third time this week someone has come in to collect their Strat because they got a text, and it's still on the bench waiting for the fret level. Tom had only just moved it to 'in setup'. Bit embarrassing.", Service: "repair-desk"},
		want:    "KI-LUTH-2",
	},
	{
		name:    "food truck map pin stuck",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FT-1", Title: "Truck location stops updating when the driver app is backgrounded", Symptoms: "The customer map shows the truck at its previous stop; GPS updates stop when the driver app goes to the background on Android"},
			{ID: "KI-FT-2", Title: "Pre-orders accepted after the truck has sold out", Symptoms: "Customers pay for items the truck no longer has; stock count not synced from the till"},
			{ID: "KI-FT-3", Title: "Card reader Bluetooth pairing drops", Symptoms: "Contactless reader disconnects every few minutes; payments fall back to cash"},
		},
		service: config.Service{Name: "truck-tracker", Domains: []string{"food trucks", "maps", "location"}},
		sig:     Signal{Title: "People walking to the wrong car park", Text: "Got about a dozen messages over lunch: the app had Tacos Loco down at the harbour, but they've been on Elm Street since 11. Driver says his phone sat in the dash mount with the till app open on top the whole time.", Service: "truck-tracker"},
		want:    "KI-FT-1",
	},
	{
		name:    "pest control offline job completion ops chat",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PEST-1", Title: "Technician app does not sync completed jobs on poor signal", Symptoms: "Jobs completed without coverage stay open in the back office until the app is reopened, so the same site gets a second visit booked"},
			{ID: "KI-PEST-2", Title: "Bait station scans attached to the wrong site", Symptoms: "Barcode scans of bait boxes recorded against a neighbouring customer"},
			{ID: "KI-PEST-3", Title: "Contract invoice PDF times out", Symptoms: "Invoices for contracts with more than 200 stations fail to generate"},
		},
		service: config.Service{Name: "field-jobs", Domains: []string{"pest control", "field service", "mobile"}},
		sig:     Signal{Title: "double visit at Patel's", Text: "hey, Mrs Patel's restaurant got two of us today. Dan did the rodent check at 8 in the cellar (zero bars down there), office saw it still open at noon and sent Priya. Dan's phone has it done, just a little cloud icon spinning next to it", Service: "field-jobs"},
		want:    "KI-PEST-1",
	},

	// --- other languages ---
	// Spanish
	{
		name:    "farmers market stall fee charged twice spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-MKT-1", Title: "Stall fee charged twice when payment is retried after a gateway timeout", Symptoms: "The payment page hangs, the vendor presses pay again and the card is charged twice for the same stall booking"},
			{ID: "KI-MKT-2", Title: "Stall map shows cancelled bookings as occupied", Symptoms: "Pitches freed by cancellations still appear taken on the map"},
			{ID: "KI-MKT-3", Title: "Vendor verification links expire too early", Symptoms: "New vendors get 'link expired' when clicking the email verification link after an hour"},
		},
		service: config.Service{Name: "stall-booking", Domains: []string{"markets", "payments"}},
		sig:     Signal{Title: "Me han cobrado dos veces el puesto del sábado", Text: "Hola, soy productora de miel en el mercado de Ruzafa. Al pagar la cuota del puesto la página se quedó cargando un buen rato, volví a darle a pagar y ahora en el banco me aparecen dos cargos de 35 € a la misma hora. ¿Me podéis devolver uno?", Service: "stall-booking"},
		want:    "KI-MKT-1",
	},
	// German
	{
		name:    "scaffold hire billed after off-hire german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SCAF-1", Title: "Inspection tag QR codes open the wrong scaffold after site renumbering", Symptoms: "Scanning a scaffold tag shows the inspection history of a different structure"},
			{ID: "KI-SCAF-2", Title: "Hire billing continues after an off-hire request from the portal", Symptoms: "Off-hire requests submitted in the customer portal are not picked up by billing; customers are invoiced for further hire weeks after collection"},
			{ID: "KI-SCAF-3", Title: "Yard stock not updated after returns scan", Symptoms: "Returned tubes and boards still shown as out on hire in the yard count"},
		},
		service: config.Service{Name: "hire-billing", Domains: []string{"scaffolding", "billing", "portal"}},
		sig:     Signal{Title: "Rechnung für ein Gerüst, das längst abgemeldet ist", Text: "Guten Tag, wir haben das Gerüst an der Baustelle Lindenstraße am 3. November über Ihr Kundenportal abgemeldet, abgeholt wurde es am 6. Trotzdem haben wir jetzt eine Rechnung über drei weitere Mietwochen bekommen. Bitte korrigieren.", Service: "hire-billing"},
		want:    "KI-SCAF-2",
	},
	// French
	{
		name:    "fertility clinic garbled accents in result pdf french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FERT-1", Title: "Cryo tank level alarms not delivered by SMS after gateway change", Symptoms: "Low nitrogen alarms reach email but no on-call SMS is sent"},
			{ID: "KI-FERT-2", Title: "Patient portal offers appointment slots from another clinic", Symptoms: "Slots cached without the clinic id; patients see times at a site they are not registered with"},
			{ID: "KI-FERT-3", Title: "Result PDFs garble accented letters in patient names", Symptoms: "Accented characters in names print as junk characters on lab result PDFs; the renderer reads UTF-8 text as Latin-1"},
		},
		service: config.Service{Name: "patient-portal", Domains: []string{"clinic", "lab results", "pdf"}},
		sig:     Signal{Title: "Mon nom est illisible sur le compte-rendu", Text: "Bonjour, sur le compte-rendu de mon bilan hormonal téléchargé depuis le portail, mon nom apparaît « HÃ©lÃ¨ne LefÃ¨vre » au lieu de Hélène Lefèvre. La pharmacie hésite à accepter le document. Pouvez-vous corriger ?", Service: "patient-portal"},
		want:    "KI-FERT-3",
	},

	// --- look-alikes: words overlap, evidence shows another cause ---
	// relay rate limit ruled out: no 421 deferrals, mail accepted with 250; DMARC failing instead
	{
		name:    "carpet cleaning confirmations missing but relay fine",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CARP-1", Title: "Booking confirmation emails deferred by SMTP relay rate limit", Symptoms: "Confirmation emails are deferred with 421 too many connections from the relay during the morning booking peak; customers do not receive their booking confirmation"},
			{ID: "KI-CARP-2", Title: "Technician ETA text sent twice", Symptoms: "Customers get the 'on our way' SMS two times"},
			{ID: "KI-CARP-3", Title: "Quote calculator rounds room area down", Symptoms: "Online quotes too low for rooms with fractional square metres"},
		},
		service: config.Service{Name: "booking-mailer", Domains: []string{"carpet cleaning", "email", "bookings"}},
		sig:     Signal{Title: "Customers not getting booking confirmation emails", Text: "Several customers rang this morning saying they never got the confirmation email after booking, mostly Outlook/Hotmail addresses.", Service: "booking-mailer"},
		evidence: []string{
			"metric: smtp_relay_deferred_total{code=\"421\"} = 0",
			"metric: smtp_relay_delivered_total = 1284",
			"log: postfix/smtp[2214]: to=<j.moss@outlook.com> relay=outlook-com.olc.protection.outlook.com status=sent (250 2.6.0 Queued mail for delivery)",
			"metric: dmarc_aggregate_fail_total{header_from=\"sparklecarpets.co.uk\",reporter=\"outlook.com\"} = 231",
			"log: dns-audit: TXT record for selector s1._domainkey.sparklecarpets.co.uk removed in change 4471",
		},
		want: "",
	},
	// thread-pool saturation ruled out: threads mostly idle, no backlog; payment provider slow instead
	{
		name:    "paintball booking timeouts but threads idle",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PB-1", Title: "Booking API threads saturated by waiver PDF rendering", Symptoms: "On busy Saturday mornings all 16 Puma threads are busy rendering waiver PDFs; group booking requests queue in the backlog and time out"},
			{ID: "KI-PB-2", Title: "Marker rental count drifts from the armoury", Symptoms: "Rental stock shows more markers available than are on the rack"},
			{ID: "KI-PB-3", Title: "Waiver emails land in spam", Symptoms: "Players say they never got the waiver link"},
		},
		service: config.Service{Name: "booking-api", Domains: []string{"paintball", "bookings"}},
		sig:     Signal{Title: "Group bookings timing out this Saturday morning", Text: "Stag party organisers are getting a spinning wheel then 'request timed out' when they book a group slot. Same as the waiver PDF thing last month?", Service: "booking-api"},
		evidence: []string{
			"metric: puma_busy_threads = 3",
			"metric: puma_max_threads = 16",
			"metric: puma_backlog = 0",
			"trace: POST /group-bookings 30.4s; span payments.create_intent 30.0s error=timeout; span waiver.render_pdf not present",
			"log: ERROR payments: POST https://api.stripe.com/v1/payment_intents timed out after 30000ms",
		},
		want: "",
	},
	// VPN ruled out: tunnel up and pings fine; sync rejected with 401 for a rotated token
	{
		name:    "thrift store tills offline but tunnel up",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-THR-1", Title: "Tills cannot sync sales when the store VPN tunnel drops", Symptoms: "Tills show 'offline - sales queued' and the queue grows because the IPsec tunnel to head office is down after its SA expires"},
			{ID: "KI-THR-2", Title: "Price tag printer sets the wrong Gift Aid flag", Symptoms: "Donated goods labelled as non-Gift Aid"},
			{ID: "KI-THR-3", Title: "Donation pickup slots overbooked", Symptoms: "More home collections booked than van capacity"},
		},
		service: config.Service{Name: "pos-sync", Domains: []string{"charity shops", "retail", "pos"}},
		sig:     Signal{Title: "Northgate tills showing offline, sales queued", Text: "Manager at Northgate says both tills say 'offline - sales queued' since opening, about 140 sales waiting. Card payments still going through.", Service: "pos-sync"},
		evidence: []string{
			"metric: ipsec_tunnel_up{site=\"northgate\"} = 1",
			"metric: probe_icmp_success{target=\"northgate-gw\"} = 1",
			"log: pos-sync: POST /api/sales/batch store=northgate -> 401 Unauthorized {\"error\":\"invalid_token\",\"detail\":\"api key revoked 2026-12-04T22:00Z\"}",
			"metric: pos_sync_queue_depth{store=\"northgate\"} = 141",
		},
		want: "",
	},
	// SMS credit ruled out: no sends were even attempted; scheduler matched nobody
	{
		name:    "blood donor reminders missing but credit fine",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BD-1", Title: "Reminder SMS not sent because the SMS provider credit is exhausted", Symptoms: "Donors get no reminder texts before their session; the SMS provider rejects sends with 'insufficient credit' and send failures climb"},
			{ID: "KI-BD-2", Title: "Eligibility check wrongly defers donors after travel question change", Symptoms: "Donors who answered 'no travel' are deferred at check-in"},
			{ID: "KI-BD-3", Title: "Session capacity shows full after cancellations", Symptoms: "Freed appointments not released back to the booking page"},
		},
		service: config.Service{Name: "donor-reminders", Domains: []string{"blood donation", "sms"}},
		sig:     Signal{Title: "No reminder texts for Tuesday's Leeds session", Text: "Session lead says none of tomorrow's 86 donors have had their reminder text. Is it the SMS credit again?", Service: "donor-reminders"},
		evidence: []string{
			"metric: sms_provider_credit_balance = 48210",
			"metric: sms_send_failures_total{reason=\"insufficient_credit\"} = 0",
			"metric: sms_sent_total{campaign=\"reminder\",session=\"leeds-2026-12-08\"} = 0",
			"log: INFO reminder-scheduler: window 2026-12-08 matched 0 appointments (session leeds-2026-12-08 venue_id=NULL after venue import)",
		},
		want: "",
	},

	// --- nothing fits: a new problem in the domain ---
	{
		name:    "window cleaning app marks every job no access",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-WIN-1", Title: "Recurring job generator skips months with five weeks", Symptoms: "Four-weekly rounds miss a visit in months with a fifth week"},
			{ID: "KI-WIN-2", Title: "Direct Debit collections fail after mandate migration", Symptoms: "Payments bounce with 'mandate not found' for customers moved from the old provider"},
			{ID: "KI-WIN-3", Title: "Customer portal login loop on Safari", Symptoms: "Customers on iPhone are sent back to the login page after signing in"},
		},
		service: config.Service{Name: "round-app", Domains: []string{"window cleaning", "mobile", "scheduling"}},
		sig:     Signal{Title: "Every house on the round showing 'no access'", Text: "Since this morning's app update, when the lads tap complete on a job it saves as 'no access' instead of done. Whole of Birch Close and Ash Lane, and those customers are getting the call-out fee.", Service: "round-app"},
		evidence: []string{
			"log: WARN job-complete: status code 4 mapped to NO_ACCESS (client 5.2.0 sends 4=DONE)",
			"metric: jobs_completed_no_access_ratio = 0.97",
			"metric: round_app_client_version_share{version=\"5.2.0\"} = 0.88",
		},
		want: "",
	},
	{
		name:    "toy library catalogue images broken",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TOY-1", Title: "Overdue fines charged during holiday closure", Symptoms: "Members fined for days the library was closed over Christmas"},
			{ID: "KI-TOY-2", Title: "Reservation queue skips members with expired cards", Symptoms: "Renewed members lose their place in the reservation queue"},
			{ID: "KI-TOY-3", Title: "Barcode scanner adds a phantom leading zero", Symptoms: "Scanned toy IDs not found because a 0 is prefixed"},
		},
		service: config.Service{Name: "toy-catalogue", Domains: []string{"toy library", "catalogue"}},
		sig:     Signal{Title: "All the toy pictures gone from the online catalogue", Text: "Every item in the catalogue shows a broken image icon since last night. The pages and reservations still work, it's just the photos.", Service: "toy-catalogue"},
		evidence: []string{
			"log: cdn: 403 AccessDenied origin=s3://toylib-images key=items/2231.jpg",
			"log: terraform: apply run 8812 updated aws_s3_bucket_policy.toylib_images",
			"metric: cdn_origin_4xx_ratio{host=\"img.toylib.org\"} = 1.0",
		},
		want: "",
	},
}

func TestKnownIssueHeldout25(t *testing.T) {
	runKISample(t, "known-issue held-out 25", kiHeldout25)
}
