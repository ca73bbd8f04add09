package triage

// heldout41_test.go is a forty-first known-issue sample (16 cases),
// written by a helper that did not read the matcher. Nine cases have one
// fitting issue (named only by telemetry, told in another language, or in
// a reporter's lay words); seven fit none although they share the
// component or the reporter names the issue: a healthy metric rules the
// cause out, the issue's condition (hemisphere, season, temperature,
// failover, upload time) does not hold, or the symptom runs the other way.
//
// First run (after the thirty-ninth sample's fixes): correct 5/16,
// precision 0.25 (1/4 claims, three wrong), recall 0.11. The classes: a
// temperature bound ("above 45 °C") against a temperature series of the
// same thing well inside it; a status gauge reading up ("..._online = 1")
// shows a cause that needs the device offline not at work. After: correct
// 7/16, precision 0.50 (one wrong claim left, a hemisphere-bound issue,
// kept as a limitation), recall 0.11: eight of nine fitting issues are
// told in words too far from the issue's to reach the claim threshold. It
// has tuned rules since, so it is no longer held out.

// Written without reading the triage rules on 2026-12-06. Industries: geothermal power plants, tortilla factories, braille transcription services, animal shelters, cheerleading competitions, dim sum restaurants, cotton gins, croquet clubs, wax museums, sheepdog trials, spice grinding mills, kite festivals, fire lookout towers, chiropractic clinics, beach volleyball tournaments, cross-country ski trail grooming.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout41 = []kiCase{
	// --- alerts identified by the fault signature in telemetry ---
	{
		name:    "geothermal unit output low, ejector valve stuck in evidence",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-GEO-1", Title: "Turbine condenser backpressure climbs when the gas-extraction ejector motive steam valve sticks", Symptoms: "Non-condensable gas accumulates in the main condenser because the steam jet ejector's motive steam control valve sticks partly closed; condenser pressure rises, turbine exhaust backpressure limiting kicks in and unit output drops by 10-20%", Runbook: "Stroke PV-2214 from the DCS, switch to the standby ejector train, call I&C for the positioner.", Domains: []string{"turbine", "condenser"}},
			{ID: "KI-GEO-2", Title: "Reinjection flow meter reads zero after silica scaling", Symptoms: "Reinjection well flow shows 0 t/h because silica scale coats the magmeter electrodes, although the brine pumps run normally"},
			{ID: "KI-GEO-3", Title: "Ambient H2S monitor nuisance alarms in morning fog", Symptoms: "The fence-line hydrogen sulphide analyser alarms when fog wets its inlet filter"},
		},
		service: config.Service{Name: "unit2-dcs", Domains: []string{"geothermal", "power generation", "dcs"}},
		sig:     Signal{Title: "[Alarm] UNIT2 MW below dispatch setpoint (-14.2 MW)", Text: "Unit 2 gross output 38.6 MW vs setpoint 52.8 MW for 25 min. Wellfield operators report no change in production wells.", Service: "unit2-dcs"},
		evidence: []string{
			"metric: condenser_abs_pressure_kpa{unit=\"2\"} = 14.8",
			"metric: ncg_ejector_motive_valve_position_percent{unit=\"2\",stage=\"1\"} = 11 (demand 64)",
			"log: 11:42:07 DCS U2 ALM PV-2214 DEVIATION >20% FOR 300s - valve not following output",
			"metric: reinjection_flow_tph{well=\"RI-4\"} = 412",
		},
		want: "KI-GEO-1",
	},
	{
		name:    "cotton gin no bales, press inhibited on oil temperature",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-COT-1", Title: "Bale press stops mid-cycle on hydraulic oil over-temperature when the oil cooler fan is left in HAND mode", Symptoms: "After maintenance the oil cooler fan drive is sometimes left in hand mode at 0%; hydraulic oil heats past 70 °C, the PLC inhibits the tramper and main ram and bales stop coming off the press", Runbook: "Put FAN-OC1 back to AUTO at the drive keypad, let oil cool below 60 °C, reset the inhibit."},
			{ID: "KI-COT-2", Title: "Bale tag printer repeats PBI numbers after a label roll change", Symptoms: "Two bales get the same permanent bale identification number"},
			{ID: "KI-COT-3", Title: "Module feeder stalls when the module RFID tag is unreadable", Symptoms: "The feeder halts waiting for a module ID and the gin stands run empty"},
		},
		service: config.Service{Name: "gin1-plc", Domains: []string{"cotton ginning", "plc", "hydraulics"}},
		sig:     Signal{Title: "[PROBLEM] Gin 1 bale count flat - no bales last 20 min", Text: "Zabbix: gin1.bales_per_hour = 0 (threshold < 10) since 14:06. Stands still feeding, lint slide backing up.", Service: "gin1-plc"},
		evidence: []string{
			"metric: press_hydraulic_oil_temp_celsius{press=\"1\"} = 76.4",
			"metric: oil_cooler_fan_speed_percent{press=\"1\"} = 0",
			"log: 14:05:51 PLC-PRESS1 INHIBIT: HYD OIL TEMP HIGH (>70C) ram + tramper disabled",
			"log: VFD FAN-OC1 control source LOCAL/HAND, speed ref 0.0 Hz",
			"metric: module_feeder_running = 1",
		},
		want: "KI-COT-1",
	},

	// --- reports in the reporter's own (lay) words ---
	{
		name:    "braille book spelled out letter by letter",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BRL-1", Title: "Transcriptions fall back to uncontracted braille when the source document has no language tag", Symptoms: "If the uploaded DOCX or EPUB lacks a language attribute, the translator picks the default Grade 1 (uncontracted) UEB table instead of Grade 2; output volumes grow by roughly 25-40% and readers get no contractions"},
			{ID: "KI-BRL-2", Title: "Embosser skips every other page on interpoint jobs over 100 sheets", Symptoms: "Long double-sided embossing jobs come out with pages missing"},
			{ID: "KI-BRL-3", Title: "Tactile graphics exported at half scale", Symptoms: "Maps and diagrams come out at 50% size"},
		},
		service: config.Service{Name: "transcribe-pipeline", Domains: []string{"braille", "transcription", "documents"}},
		sig:     Signal{Title: "Library book came out weird - everything spelled out?", Text: "Hi team, our member Mr Adeyemi got his copy of 'The Salt Path' and says it's 'all written out the long way' - none of the little signs for 'and', 'the', 'ing', every word letter by letter. He said it's like reading a primer at school. It's also five volumes; the book club copy we did in the spring was three. Pages all there as far as he can tell.", Service: "transcribe-pipeline"},
		evidence: []string{
			"log: WARN transcribe job 88213: no xml:lang or dc:language in source, using default table en-ueb-g1.ctb",
		},
		want: "KI-BRL-1",
	},
	{
		name:    "croquet club gmail members get no booking emails",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CRQ-1", Title: "Booking confirmation and reminder emails rejected by Gmail after the DNS move (SPF/DKIM missing)", Symptoms: "Since the club domain moved to a new DNS host, the SPF and DKIM records are missing; mail to Gmail and Googlemail recipients is refused with 550 5.7.26 unauthenticated sender while other providers still deliver"},
			{ID: "KI-CRQ-2", Title: "Handicap recalculation runs twice after a tournament import", Symptoms: "Members' handicaps drop two steps instead of one"},
			{ID: "KI-CRQ-3", Title: "Lawn closures not shown in the booking calendar", Symptoms: "Members can book lawns closed for re-seeding"},
		},
		service: config.Service{Name: "club-bookings", Domains: []string{"croquet", "bookings", "email"}},
		sig:     Signal{Title: "Half the members aren't getting lawn booking emails", Text: "Margaret (membership sec) here. Since about when we moved the website over to the new people in October, lots of members say they don't get the 'your lawn is booked' email or the reminder the day before. I've rung round and it seems to be the ones with gmail addresses - Derek who's on BT and Jean on Outlook get theirs fine. Nothing in their spam folders either, they've looked.", Service: "club-bookings"},
		want:    "KI-CRQ-1",
	},
	{
		name:    "wax museum figures softening, chilled-water valve closed",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-WAX-1", Title: "Gallery overheats when the AHU chilled-water valve actuator fails closed after a BMS controller restart", Symptoms: "After the building management controller restarts, the actuator on the air handler's chilled-water valve can stay at 0% while the BMS shows it commanded open; supply air warms and the gallery climbs above 24 °C, softening wax figures under the spotlights"},
			{ID: "KI-WAX-2", Title: "Gallery lighting scenes revert to full brightness after a power cut", Symptoms: "Spotlight dimming presets are lost and figures sit under full lamp heat"},
			{ID: "KI-WAX-3", Title: "Timed-entry tickets bought on the day rejected at the turnstile", Symptoms: "Same-day online tickets show as not yet valid"},
		},
		service: config.Service{Name: "bms-galleries", Domains: []string{"museum", "hvac", "building management"}},
		sig:     Signal{Title: "Elvis is melting (a bit)", Text: "Not a joke - the Elvis and Marilyn figures in the Hollywood room look shiny and Elvis's quiff has started to droop. The room feels stuffy, visitors are fanning themselves with the leaflets. It was fine yesterday afternoon. Lights look the same as always to me.", Service: "bms-galleries"},
		evidence: []string{
			"metric: gallery_temperature_celsius{room=\"hollywood\"} = 27.9",
			"metric: ahu_chw_valve_command_percent{ahu=\"AHU-3\"} = 85",
			"metric: ahu_chw_valve_feedback_percent{ahu=\"AHU-3\"} = 0",
			"log: 02:14:33 BMS controller NC-2 cold start (watchdog reset)",
			"metric: lighting_scene_level_percent{room=\"hollywood\"} = 40",
		},
		want: "KI-WAX-1",
	},

	// --- other languages, issue text in English ---
	// Spanish
	{
		name:    "tortilla oven flame goes out at boiler start spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TOR-1", Title: "Tortilla oven burners flame out when natural gas supply pressure dips at boiler start-up", Symptoms: "When the plant boiler fires, gas header pressure falls below the oven burners' low-pressure switch; the flame safeguard locks out, the oven goes cold and the line runs raw tortillas until an operator relights the burners"},
			{ID: "KI-TOR-2", Title: "Counter-stacker counts packs of 30 as 25 after a recipe change", Symptoms: "Bags hold fewer tortillas than labelled"},
			{ID: "KI-TOR-3", Title: "Masa hydration setpoint ignored after PLC reboot", Symptoms: "Dough comes out dry and cracks on the press because water dosing runs at the default setpoint"},
		},
		service: config.Service{Name: "linea3-hornos", Domains: []string{"food processing", "ovens", "gas"}},
		sig:     Signal{Title: "Línea 3: el horno se apaga a cada rato", Text: "Desde el lunes, más o menos a las 5:40 de la mañana, el horno de la línea 3 se queda sin fuego y hay que volver a prender los quemadores a mano. Justo a esa hora arrancan la caldera de vapor para la limpieza. Salieron como 200 kilos de tortilla cruda antes de que nos diéramos cuenta. El manómetro del gas se ve bajito en ese momento; la masa sale bien.", Service: "linea3-hornos"},
		want:    "KI-TOR-1",
	},
	// German
	{
		name:    "animal shelter adopted dogs still online german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-ASH-1", Title: "Adopted animals stay listed on the public adoption page", Symptoms: "After an adoption is finalised in the shelter database, the animal still shows as available on the website for days because the listing page cache is not purged on status change; callers ask about animals that have already gone home"},
			{ID: "KI-ASH-2", Title: "Microchip registration not transferred to the adopter", Symptoms: "The chip registry still lists the shelter as keeper after adoption"},
			{ID: "KI-ASH-3", Title: "Foster carers' expense payments late at month end", Symptoms: "The reimbursement batch runs days late"},
		},
		service: config.Service{Name: "adoption-site", Domains: []string{"animal welfare", "website", "adoptions"}},
		sig:     Signal{Title: "Schon vermittelte Hunde stehen noch online", Text: "Hallo, seit einer Woche rufen ständig Leute wegen Bruno und Lotte an. Beide sind längst in ihrem neuen Zuhause, der Vertrag ist unterschrieben und im System abgeschlossen. Auf der Homepage unter 'Hunde suchen ein Zuhause' sind sie aber immer noch zu sehen. Wenn ich im Admin-Bereich auf 'Vorschau' gehe, sind sie weg. Könnt ihr das bitte prüfen?", Service: "adoption-site"},
		want:    "KI-ASH-1",
	},
	// French
	{
		name:    "cheerleading deduction on wrong team after order change french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CHR-1", Title: "Safety judge deductions attached to the wrong team after the running order is changed", Symptoms: "When the tabulation room moves a team in the performance order (injury, late arrival), deductions the safety judge enters afterwards are stored against the team that originally held that slot, so one team loses points it never incurred and the other keeps its score"},
			{ID: "KI-CHR-2", Title: "Coaches' scoresheet PDFs missing the stunt difficulty column", Symptoms: "Difficulty scores absent from the exported scoresheets"},
			{ID: "KI-CHR-3", Title: "Routine music rejected at check-in for files over 2:30", Symptoms: "Music uploads longer than the limit are refused"},
		},
		service: config.Service{Name: "tabulation", Domains: []string{"cheerleading", "scoring", "competitions"}},
		sig:     Signal{Title: "Pénalité attribuée à la mauvaise équipe - catégorie Senior Elite", Text: "Bonjour, samedi au championnat régional les Tigresses de Nantes ont été décalées en fin de passage (blessure à l'échauffement) et les Dragons d'Angers sont passés à leur créneau. Les Dragons ont chuté sur leur pyramide et la juge sécurité a saisi la pénalité de 2 points pendant leur passage, mais au classement ce sont les Tigresses qui ont -2 et Angers n'a rien. La juge affirme avoir sélectionné la bonne équipe. Merci de corriger les résultats.", Service: "tabulation"},
		want:    "KI-CHR-1",
	},
	// Portuguese
	{
		name:    "dim sum kitchen tickets with chinese notes not printing portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-DIM-1", Title: "Kitchen printer drops tickets whose modifier notes contain CJK characters", Symptoms: "Orders with free-text notes in Chinese (e.g. 走葱, no scallion) never print at the steamer station: the ESC/POS driver cannot encode the note in the printer's code page and discards the ticket without showing an error on the POS"},
			{ID: "KI-DIM-2", Title: "Table QR menu shows sold-out items as available", Symptoms: "Guests can order har gow after the kitchen marks it sold out"},
			{ID: "KI-DIM-3", Title: "Split bills apply the service charge twice", Symptoms: "Each split adds the full 10% service charge"},
		},
		service: config.Service{Name: "pos-kitchen", Domains: []string{"restaurants", "pos", "printing"}},
		sig:     Signal{Title: "Pedidos com observação em chinês não saem na impressora da cozinha", Text: "Desde a atualização do sistema de caixa, quando o garçom escreve a observação do cliente em chinês (tipo 少甜, 走葱), o pedido simplesmente não sai na impressora das cestinhas de vapor. No caixa aparece como enviado, sem erro nenhum. Se a observação for em português sai normal. No sábado umas 15 mesas ficaram esperando siu mai que nunca foi feito.", Service: "pos-kitchen"},
		want:    "KI-DIM-1",
	},

	// --- none fits ---
	// reporter guesses the hot-product false reject; product is cold and the rejects are real metal
	{
		name:    "spice mill metal detector rejects are real fragments",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SPC-1", Title: "Metal detector false rejects on hot, freshly ground chilli (product effect above 45 °C)", Symptoms: "Chilli powder coming straight off the hammer mill above 45 °C is conductive enough to trip the metal detector's product-effect compensation; clean bags are rejected in bursts until the product cools", Runbook: "Route through the cooling screw, or raise the product-effect threshold by one step with QA sign-off."},
			{ID: "KI-SPC-2", Title: "Checkweigher tare not updated after a pouch size change", Symptoms: "Good 250 g pouches rejected as underweight after switching from 100 g"},
			{ID: "KI-SPC-3", Title: "Traceability labels print the previous lot number", Symptoms: "First bags of a new lot carry the old lot code"},
		},
		service: config.Service{Name: "packing-line2", Domains: []string{"spices", "food safety", "metal detection"}},
		sig:     Signal{Title: "MD-2 rejecting paprika bags - hot-product false reject again?", Text: "Metal detector on packing line 2 has kicked out 31 bags of smoked paprika since 06:00. Guessing it's the false reject thing with hot powder from the mill, can we just bump the threshold like last time?", Service: "packing-line2"},
		evidence: []string{
			"metric: product_temp_celsius{line=\"2\",point=\"md-infeed\"} = 21.5",
			"log: QA hold: rejected bag R2-0612-17 x-rayed, 1.8 mm stainless fragment found",
			"log: maintenance: hammer mill HM-3 screen found torn at 05:50 inspection, replaced 07:10",
		},
		want: "",
	},
	// issue is bound to southern-hemisphere sites; Dieppe is at 49.9 N and the proxy is over quota
	{
		name:    "kite festival wind widget empty is quota not hemisphere french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-KITE-1", Title: "Wind forecast widget empty for festival sites south of the equator", Symptoms: "The forecast proxy drops the minus sign on latitude, so sites in the southern hemisphere (Cape Town, Bondi, Mar del Plata) request a forecast for the wrong point and the widget shows no data"},
			{ID: "KI-KITE-2", Title: "Volunteer shift swap confirmations never sent", Symptoms: "Volunteers who swap a shift receive no confirmation email"},
			{ID: "KI-KITE-3", Title: "Festival map pins misplaced in the iOS app", Symptoms: "Food stalls appear in the car park on iPhones"},
		},
		service: config.Service{Name: "festival-web", Domains: []string{"events", "weather", "website"}},
		sig:     Signal{Title: "Widget météo vide sur la page du festival de Dieppe", Text: "Bonjour, depuis ce matin le bloc 'Prévisions de vent' sur la page du Festival international de cerf-volant de Dieppe est complètement vide, juste 'Données indisponibles'. C'est la page la plus consultée avant le week-end. Les autres sites du réseau (Berck, Châtelaillon) ont le même souci depuis 11h environ.", Service: "festival-web"},
		evidence: []string{
			"log: ERROR forecast-proxy: GET /v2/point?lat=49.93&lon=1.08 -> 429 Too Many Requests (daily quota 10000 reached at 09:12 UTC)",
			"metric: forecast_proxy_upstream_errors_total{code=\"429\"} = 5120",
			"metric: forecast_proxy_upstream_errors_total{code=\"400\"} = 0",
		},
		want:       "",
		limitation: "the issue is bound to sites south of the equator and the evidence requests a northern latitude over a quota error; the matcher reads no hemisphere and no other kind of HTTP failure as ruling it out",
	},
	// issue is a winter battery problem on one repeater; it is July, the battery is full, other towers got through
	{
		name:    "fire lookout missed check-in, repeater healthy, tower unstaffed",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FLT-1", Title: "Lookout radio check-ins missed in winter when the Bald Mountain repeater batteries run down", Symptoms: "On short winter days the solar panel on the Bald Mountain repeater cannot keep the battery bank up; below 11.8 V the repeater drops out overnight and early-morning check-ins from towers 3, 5 and 7 are not heard at dispatch"},
			{ID: "KI-FLT-2", Title: "Smoke report coordinates swapped in the CAD import", Symptoms: "Reported smokes plot in the wrong county because latitude and longitude are exchanged"},
			{ID: "KI-FLT-3", Title: "Lightning strike overlay stops refreshing after midnight UTC", Symptoms: "Strike layer frozen until the page is reloaded"},
		},
		service: config.Service{Name: "dispatch-radio", Domains: []string{"wildfire", "radio", "dispatch"}},
		sig:     Signal{Title: "Tower 7 missed 0800 check-in", Text: "Dispatch log: no check-in from Tower 7 (Elk Point) at 0800 or 0830 on 14 July. Probably the Bald Mtn repeater again?", Service: "dispatch-radio"},
		evidence: []string{
			"metric: repeater_battery_volts{site=\"bald-mtn\"} = 13.4",
			"metric: repeater_rx_sessions_total{site=\"bald-mtn\",window=\"0700-0900\"} = 22",
			"log: 08:02 dispatch ch2: Tower 3 check-in OK via Bald Mtn; 08:04 Tower 5 check-in OK via Bald Mtn",
			"log: roster: Tower 7 lookout R. Okonkwo on leave 13-15 Jul, relief lookout not assigned",
		},
		want: "",
	},
	// same viewer, blank panel, but small studies that load fast and fail to decode a new compression
	{
		name:    "chiropractic x-ray viewer blank is unsupported codec spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CHI-1", Title: "Spine X-ray viewer shows a blank panel for studies over 200 MB", Symptoms: "Full-spine stitched studies larger than 200 MB exceed the web viewer's 30 s load timeout; the panel stays blank with a spinner and the browser console shows a timeout"},
			{ID: "KI-CHI-2", Title: "Appointment SMS reminders sent in English to Spanish-speaking patients", Symptoms: "Language preference ignored for reminder texts"},
			{ID: "KI-CHI-3", Title: "Treatment notes lost when the session expires while typing", Symptoms: "Practitioners lose SOAP notes after 30 minutes idle"},
		},
		service: config.Service{Name: "imaging-viewer", Domains: []string{"chiropractic", "imaging", "dicom"}},
		sig:     Signal{Title: "El visor de radiografías sale en blanco", Text: "Buenos días, desde ayer en la clínica de Valencia el visor no muestra las radiografías cervicales nuevas del equipo de la sala 2, se queda en blanco. Las de antes sí se ven. Seguramente es lo de los estudios grandes que ya conocéis.", Service: "imaging-viewer"},
		evidence: []string{
			"log: ERROR viewer: study 1.2.840.113619.2.55.3.2831 size=14.2MB fetched in 0.8s; decode failed: unsupported transfer syntax 1.2.840.10008.1.2.4.202 (HTJ2K)",
			"log: modality XR-SALA2 firmware updated 2026-12-04, default compression set to HTJ2K",
			"metric: viewer_load_timeouts_total = 0",
		},
		want: "",
	},
	// same symptom (frozen stream), but no failover happened; the encoder is throttling in the heat
	{
		name:    "beach volleyball stream freezes from encoder heat dutch",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BVB-1", Title: "Court livestreams freeze when the venue uplink fails over to the bonded 4G backup", Symptoms: "When the fibre uplink drops, the router fails over to bonded 4G; the encoders keep their RTMP sessions on the old path and streams freeze until restarted"},
			{ID: "KI-BVB-2", Title: "Referee tablet score not synced after side switch", Symptoms: "Scoreboard graphic shows the teams on the wrong sides after the switch at multiples of 7"},
			{ID: "KI-BVB-3", Title: "Player accreditation photos missing on printed badges", Symptoms: "Badges print with a grey placeholder"},
		},
		service: config.Service{Name: "court-streams", Domains: []string{"sports", "streaming", "venue network"}},
		sig:     Signal{Title: "Livestream Center Court 2 bevriest steeds", Text: "Sinds half twee bevriest de stream van Center Court 2 om de paar minuten, beeld staat stil en het geluid loopt soms door. Court 1 en 3 draaien prima. Het is hier 34 graden in de zon. Is het weer die 4G-backup?", Service: "court-streams"},
		evidence: []string{
			"metric: venue_uplink_active{link=\"fibre\"} = 1",
			"metric: venue_uplink_failover_events_total = 0",
			"log: WARN encoder-court2: thermal throttling engaged, CPU 96C, dropping frames (fps 50 -> 11)",
			"metric: encoder_cpu_temp_celsius{court=\"2\"} = 96",
		},
		want: "",
	},
	// issue needs an upload after 06:00; the track arrived at 04:41 and the export failed on a full disk
	{
		name:    "ski trail map not updated, upload early, export disk full german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-XC-1", Title: "Overnight grooming missing from the trail map when the groomer uploads after the 06:00 export", Symptoms: "If a snowcat's tablet uploads its GPS track after the 06:00 nightly export, that night's grooming does not show on the public trail map until the next day's export"},
			{ID: "KI-XC-2", Title: "Trail status shows closed trails as open after a manual override expires", Symptoms: "Avalanche-closed trails flip back to open at midnight"},
			{ID: "KI-XC-3", Title: "Snowcat fuel log doubles entries", Symptoms: "Every refuel appears twice in the fuel report"},
		},
		service: config.Service{Name: "trail-map", Domains: []string{"nordic skiing", "grooming", "maps"}},
		sig:     Signal{Title: "Loipenkarte zeigt keine Präparierung von heute Nacht", Text: "Auf der Loipenkarte sind die Höhenloipe und die Skatingrunde am Moos seit heute früh grau (nicht gespurt), obwohl der Pistenbully von 02:00 bis 04:30 draußen war. Gäste fragen an der Kasse nach. Bestimmt wieder der späte Upload?", Service: "trail-map"},
		evidence: []string{
			"log: tracker-ingest: PB-600 track upload complete 04:41:09 (3 segments, 27.4 km)",
			"log: ERROR export-nightly 06:00:02: write /srv/tiles/trails-2026-12-06.mbtiles: no space left on device",
			"metric: export_nightly_last_success_timestamp_seconds = 1796450400",
		},
		want: "",
	},
	// symptom runs the other way: the clock stopped early with a false retire, tablet online, steward phone sent it
	{
		name:    "sheepdog trial clock stopped early, not kept running",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SDT-1", Title: "Run clock keeps running after the handler retires when the judge's tablet is offline", Symptoms: "Where the course has no mobile signal the judge's 'retire' tap is queued on the tablet and the scoreboard clock carries on to the full time limit, so retired runs are recorded as timed out instead of retired"},
			{ID: "KI-SDT-2", Title: "Shed points deducted twice when entered on two tablets", Symptoms: "Runs lose double points at the shed"},
			{ID: "KI-SDT-3", Title: "Novice class running order sorted by surname instead of the draw", Symptoms: "Printed running order ignores the draw"},
		},
		service: config.Service{Name: "trial-scoring", Domains: []string{"sheepdog trials", "scoring", "timing"}},
		sig:     Signal{Title: "Run clock stopped early on Bess's run - course 3", Text: "Gwyn Pritchard's Bess had her clock stop at 9:48 of the 15 minute limit while she was still working the pen. Scoreboard went to RETIRED on its own and the run's been recorded as retired with no pen points. Gwyn never retired and the judge didn't signal anything. Signal's patchy up that end of the field as always.", Service: "trial-scoring"},
		evidence: []string{
			"metric: judge_tablet_online{course=\"3\",device=\"judge-2\"} = 1",
			"log: scoreboard-ctl: RETIRE received from device steward-phone-ellis (steward app) run=47 at 14:31:12",
			"log: judge-2 offline queue depth 0",
		},
		want: "",
	},
}

func TestKnownIssueHeldout41(t *testing.T) { runKISample(t, "known-issue held-out 41", kiHeldout41) }
