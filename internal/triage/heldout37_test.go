package triage

// heldout37_test.go is a thirty-seventh known-issue sample (16 cases),
// written by a helper that did not read the matcher: nine cases where one
// known issue fits (by its fault signature in the telemetry, or by the
// same mechanism told in other words and other languages) and seven where
// none does although words are shared (same component with another
// mechanism, a healthy reading that rules the issue out, a version or
// condition the issue is bound to that does not hold, a symptom in the
// opposite direction).
//
// First run: correct 5/16, precision 0.38 (3/8 claims, five wrong), recall
// 0.33. The classes, each a way the evidence rules an issue out: a bound
// in a length or mass ("wall thickness above 25 mm") against the same
// quantity measured in prose well inside it; the thing an issue's
// triggering change acts on reported unchanged; an issue that charges too
// much against a report whose amount is below what it should be; a
// quantity the issue drives off its setpoint measured on it; an
// independent measurement (a handheld probe) agreeing with the reading an
// issue says is wrong. After: correct 10/16, precision 1.00 (3/3), recall
// 0.33: the six misses are issues told in other words or languages that
// share too few terms. It has tuned rules since, so it is no longer held
// out.

// Written without reading the triage rules on 2026-12-06. Industries: sugar beet refineries, funicular railways, racecourse totalisators, aquaponics farms, wedding photographers, mobile libraries, ballet companies, dog grooming salons, pottery studios, copper mines, handball leagues, ostrich farms, axe-throwing bars, pipeline pigging contractors, pearl farms, timber-frame builders.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout37 = []kiCase{
	// --- alerts whose telemetry carries the fault signature ---
	{
		name:    "sugar beet diffuser pulp losses after autotune zeroed derivative",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-SUG-1", Title: "Lime kiln CO2 analyser reads zero when the sample line freezes", Symptoms: "In hard frost the gas sample line to the lime kiln analyser ices up, CO2 shows 0% and the kiln draught interlock trips"},
			{ID: "KI-SUG-2", Title: "Diffuser temperature loop hunts after PID autotune writes a derivative gain of zero", Symptoms: "After an autotune run on the diffusion tower the temperature controller stores Kd = 0; juice temperature in the tower then swings several degrees with a period of a few minutes and sugar left in the pressed pulp rises", Runbook: "Restore TIC-301 tuning from the commissioning sheet and disable autotune.", Domains: []string{"process control", "diffusion"}},
			{ID: "KI-SUG-3", Title: "Pulp press tonnage totaliser double counts at shift change", Symptoms: "Shift reports show twice the pressed pulp tonnage for the hour around 06:00 and 18:00"},
		},
		service: config.Service{Name: "beet-house-dcs", Domains: []string{"sugar", "process control", "diffusion"}},
		sig:     Signal{Title: "[FIRING:1] PulpPolLossHigh diffuser=D1 site=ostfeld", Text: "pol_in_pressed_pulp_percent avg 0.71 over 45m (threshold 0.50). Lab confirms the last two spot samples.", Service: "beet-house-dcs"},
		evidence: []string{
			"metric: diffuser_zone_temp_c{zone=\"3\"} min=66.1 max=74.8 period~210s over 45m",
			"log: 13:02:44 TIC-301 AUTOTUNE complete -> Kp=1.85 Ti=160s Td=0.0s written to controller",
			"metric: tic301_output_percent oscillating between 18 and 92",
			"metric: beet_slice_rate_t_h = 412",
		},
		want: "KI-SUG-2",
	},
	{
		name:    "funicular emergency brake on encoder position discrepancy",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-FUN-1", Title: "Emergency stop on car position mismatch when the haul-rope encoder picks up drive interference", Symptoms: "Electrical noise from the main drive inverter corrupts the pulses of the sheave encoder; the safety PLC then sees the computed car position disagree with the track reference magnets and applies the emergency brake between stations"},
			{ID: "KI-FUN-2", Title: "Ticket gate QR readers reject passes in direct sunlight", Symptoms: "Valley station gates fail to read phone screens on sunny afternoons"},
			{ID: "KI-FUN-3", Title: "Platform displays show the previous departure time", Symptoms: "Next-departure screens lag one trip behind after the timetable changes"},
		},
		service: config.Service{Name: "funicular-control", Domains: []string{"funicular", "safety plc", "drives"}},
		sig:     Signal{Title: "PROBLEM: Bergbahn safety brake applied - both cars stopped on line", Text: "Trigger: safety_brake_applied = 1 (haul rope system). Cars stopped between valley station and passing loop, 54 passengers on board. Severity: Disaster", Service: "funicular-control"},
		evidence: []string{
			"log: SPLC FAULT 0x2E POS_DISCREPANCY enc_pos=612.4m ref_magnet_M6=608.0m delta=4.4m > 2.0m -> EB",
			"metric: sheave_encoder_pulse_errors_total{enc=\"A\"} increase 1874 in 10m (previous 24h: 0)",
			"log: WARN enc-A: glitch filter rejected 312 edges; cable shield continuity check FAILED at cabinet X4",
			"metric: main_drive_vfd_output_frequency_hz = 47.5 (acceleration ramp)",
		},
		want: "KI-FUN-1",
	},
	{
		name:    "tote wagers after the jump with gate controller clock adrift",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TOT-1", Title: "Pools close late because the start-gate controller clock drifts when NTP is unreachable", Symptoms: "The gate controller stamps the off signal with its own clock; when it loses time sync it falls seconds behind, betting pools close late and wagers are accepted after the race has started"},
			{ID: "KI-TOT-2", Title: "Place dividends rounded down on dead heats", Symptoms: "Dead-heat place dividends are paid 10p short"},
			{ID: "KI-TOT-3", Title: "Self-service terminals print blank tickets on low paper", Symptoms: "Tickets come out blank when the roll is nearly empty"},
		},
		service: config.Service{Name: "tote-pools", Domains: []string{"wagering", "pools", "racecourse"}},
		sig:     Signal{Title: "P1 Integrity: late sales race 5 Northgate Park", Text: "Integrity monitor flagged 41 tickets sold after jump time in race 5 (latest +6.8s). Pools WIN/PLC/EXA affected. Regulator notification may be required.", Service: "tote-pools"},
		evidence: []string{
			"metric: gate_ctrl_clock_offset_seconds{track=\"northgate\"} = -6.9",
			"log: chronyd[811]: Can't synchronise: no selectable sources (host gate-ctrl-ng1)",
			"metric: pool_close_lag_seconds{race=\"R5\"} = 6.8",
		},
		want: "KI-TOT-1",
	},
	// Dutch
	{
		name:    "aquaponics fish kill with oxygen probe value held by crc errors dutch",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-AQP-1", Title: "Dissolved-oxygen readings frozen by RS-485 CRC errors, so backup aeration never starts", Symptoms: "Noise or a loose terminator on the RS-485 line makes the controller discard DO probe frames with CRC errors and keep showing the last good value; the low-oxygen rule never fires and the backup blowers stay off"},
			{ID: "KI-AQP-2", Title: "Nutrient dosing pump runs twice after controller reboot", Symptoms: "Grow beds get a double dose of iron chelate after a power cut"},
			{ID: "KI-AQP-3", Title: "Grow-light schedule shifts by an hour at DST", Symptoms: "LED bars switch on an hour early after the clock change"},
		},
		service: config.Service{Name: "farm-controller", Domains: []string{"aquaponics", "water quality", "fieldbus"}},
		sig:     Signal{Title: "Vannacht ~60 tilapia dood in bak 3", Text: "Ochtendploeg vond vissen happend aan het oppervlak en dode vissen op de bodem van bak T3. Volgens het dashboard was de zuurstof de hele nacht prima, steeds 6,8. De extra beluchting is volgens het log niet aangegaan.", Service: "farm-controller"},
		evidence: []string{
			"metric: modbus_rtu_crc_errors_total{port=\"rs485-1\"} = 2214 (since 23:40)",
			"metric: do_mg_per_l{tank=\"T3\"} = 6.80 unchanged for 7h12m",
			"log: WARN fieldbus: slave 12 (DO-T3) frame CRC mismatch, holding last value",
			"metric: handheld_do_mg_per_l{tank=\"T3\",time=\"07:10\"} = 1.9",
		},
		want: "KI-AQP-1",
	},

	// --- reports in the reporter's own words and languages ---
	// Spanish
	{
		name:    "wedding gallery download stops at exactly four gigabytes spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-WED-1", Title: "Gallery 'download all' archives over 4 GB are cut off and corrupt", Symptoms: "The export service builds full-gallery ZIP files without ZIP64, so any archive larger than 4 GB stops at 4 GB and cannot be opened; smaller galleries download fine"},
			{ID: "KI-WED-2", Title: "Client favourites lost when the gallery password is changed", Symptoms: "Hearts set by the couple disappear after the photographer resets the gallery password"},
			{ID: "KI-WED-3", Title: "Watermark applied to purchased print files", Symptoms: "Paid high-resolution downloads still carry the proofing watermark"},
		},
		service: config.Service{Name: "client-galleries", Domains: []string{"photography", "downloads", "archives"}},
		sig:     Signal{Title: "No podemos abrir el archivo con las fotos de la boda", Text: "Hola, nuestro fotógrafo nos mandó el enlace de la galería y le dimos a 'descargar todo' (son unas 1.900 fotos en máxima calidad). La descarga llega al final, pero al abrirla Windows dice que la carpeta comprimida no es válida. Ocupa 4,00 GB clavados, lo probamos en dos ordenadores distintos. La galería de la preboda, que tenía muchas menos fotos, se descargó y se abrió perfectamente.", Service: "client-galleries"},
		want:    "KI-WED-1",
	},
	// German
	{
		name:    "bookmobile offline loans missing after next-day sync german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BUS-1", Title: "Offline loans from the bookmobile are dropped when the laptop syncs on a later calendar day", Symptoms: "Checkouts recorded without connectivity are stored locally; the sync endpoint silently rejects batches whose loan date is not today, so the loans never reach the library system and the items still show as available"},
			{ID: "KI-BUS-2", Title: "Overdue reminders sent for items returned to the drop box", Symptoms: "Patrons who used the book drop get overdue notices"},
			{ID: "KI-BUS-3", Title: "Hold pickup SMS names the wrong stop", Symptoms: "Reservation notices list the previous stop on the route"},
		},
		service: config.Service{Name: "bookmobile-circ", Domains: []string{"library", "circulation", "offline sync"}},
		sig:     Signal{Title: "Ausleihen aus dem Bücherbus fehlen", Text: "Hallo zusammen, am Mittwoch standen wir den ganzen Nachmittag in Oberweiler ohne Netz und haben alles offline verbucht. Der Laptop kam erst Donnerstagfrüh im Depot wieder ins WLAN und hat dann synchronisiert. Jetzt sind die Bücher im Katalog als 'verfügbar' markiert und auf den Leserkonten steht nichts. Die Ausleihen vom Dienstag, die wir noch am selben Abend hochgeladen haben, sind alle korrekt da.", Service: "bookmobile-circ"},
		want:    "KI-BUS-1",
	},
	// French
	{
		name:    "ballet seats swapped after slow bank confirmation french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-BAL-1", Title: "Chosen seats released when payment takes longer than the 10-minute hold", Symptoms: "The seat hold expires after 10 minutes even while the customer is still in the 3-D Secure step; the order then completes with best-available seats instead of the ones picked on the seat map"},
			{ID: "KI-BAL-2", Title: "Subscription renewal emails link to last season's brochure", Symptoms: "Renewal mailings point to the old season PDF"},
			{ID: "KI-BAL-3", Title: "Accessible seating requests not shown to front of house", Symptoms: "Ushers' lists omit wheelchair space bookings"},
		},
		service: config.Service{Name: "box-office", Domains: []string{"ticketing", "seating", "payments"}},
		sig:     Signal{Title: "Mes places ont changé toutes seules", Text: "Bonjour, pour Giselle le 14 j'avais sélectionné deux fauteuils au premier balcon, rang C, bien au centre. Le temps de retrouver ma carte et de valider le paiement dans l'application de ma banque (cela a bien pris un quart d'heure), la confirmation m'indique rang K, places 41 et 42, tout sur le côté. Je n'ai jamais choisi ces places.", Service: "box-office"},
		want:    "KI-BAL-1",
	},
	// Portuguese
	{
		name:    "grooming deposit kept after salon cancelled portuguese",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-GRM-1", Title: "Deposit not refunded when the salon cancels the appointment", Symptoms: "The refund job only handles cancellations made by the customer; when staff cancel an appointment from the salon dashboard the booking deposit is kept and no refund is created"},
			{ID: "KI-GRM-2", Title: "Large-breed surcharge applied to puppies", Symptoms: "Puppies of giant breeds are priced as adult dogs"},
			{ID: "KI-GRM-3", Title: "Before-and-after photos attached to the wrong pet", Symptoms: "Owners receive grooming photos of another dog"},
		},
		service: config.Service{Name: "groom-bookings", Domains: []string{"pet grooming", "payments", "bookings"}},
		sig:     Signal{Title: "Sinal do banho e tosa não foi devolvido", Text: "Oi, o pet shop desmarcou o horário da minha cadela no sábado porque a tosadora ficou doente, até me mandaram mensagem pedindo desculpas. Só que os R$ 40 de sinal que paguei pelo app não voltaram até hoje, já faz 12 dias. Em outubro eu mesma desmarquei outro horário e o dinheiro caiu no cartão em dois dias.", Service: "groom-bookings"},
		want:    "KI-GRM-1",
	},
	// English, other words
	{
		name:    "pottery kiln skipped top hold after storm flicker slack",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-POT-1", Title: "Kiln controller resumes at the cooling segment after a brief power loss, skipping the hold", Symptoms: "When mains drops for a few seconds the kiln controller restarts its program at the next segment instead of repeating the soak at peak temperature, so ware is cooled without its hold and comes out underfired or cracked"},
			{ID: "KI-POT-2", Title: "Class waitlist not notified when a wheel frees up", Symptoms: "Students on the waitlist get no email after a cancellation"},
			{ID: "KI-POT-3", Title: "Clay order totals double count shipping", Symptoms: "Bulk clay orders show delivery charged twice on the invoice"},
		},
		service: config.Service{Name: "kiln-monitor", Domains: []string{"pottery", "kilns", "firing"}},
		sig:     Signal{Title: "kiln 2 glaze load ruined", Text: "opened kiln 2 this morning: glazes are matte and pinholed like they never fully melted, and two big platters dunted right across. the lights flickered during the storm about 9:15 last night. controller says COMPLETE and the firing graph goes from 1222°C straight down into the cool at 21:16, no flat bit at the top. kiln 1 from the same evening is perfect.", Service: "kiln-monitor"},
		want:    "KI-POT-1",
	},

	// --- none fits ---
	// Spanish; reporter blames the wet rip detector, but the trip is an overload from a plugged chute
	{
		name:    "copper mine conveyor trip is plugged chute not wet rip loops spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-CU-1", Title: "Overland conveyor tripped by false belt-rip alarms when the rip-detection loops are wet", Symptoms: "During rain or washdown, water in the embedded rip-detection loops makes the detector report a torn belt and trip the conveyor although the belt is intact"},
			{ID: "KI-CU-2", Title: "Crusher throughput report misses the night shift", Symptoms: "Daily tonnage excludes 22:00-06:00"},
			{ID: "KI-CU-3", Title: "Haul truck dispatch assigns trucks to closed ramps", Symptoms: "Trucks routed onto ramps closed for maintenance"},
		},
		service: config.Service{Name: "conveyor-plc", Domains: []string{"mining", "conveyors", "material handling"}},
		sig:     Signal{Title: "Correa CV-04 detenida otra vez", Text: "La CV-04 se detuvo a las 03:20 y volvió a parar a las 03:41 al intentar arrancarla. Anoche hubo lavado con manguera en la zona del chancador, ¿será otra vez el sensor de rotura de correa mojado?", Service: "conveyor-plc"},
		evidence: []string{
			"log: PLC CV-04: TRIP cause=DRIVE_OVERLOAD motor_current=1.42xFLA t=03:20:11",
			"log: PLC CV-04: chute CH-04B plug switch ACTIVE t=03:19:58",
			"log: rip-detector RD-04: loops 1-24 OK, no rip event since 2026-11-02",
			"metric: cv04_belt_load_t_h peak=5120 (rated 3800)",
		},
		want: "",
	},
	// Polish; the issue is bound to Android 14 and 5.3.0, the crashes are iOS on 5.2.6
	{
		name:    "handball ticker crash on launch is ios widget not android 14 polish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-HB-1", Title: "Live ticker app crashes at launch on Android 14 after updating to 5.3.0", Symptoms: "Users on Android 14 who updated to 5.3.0 see the app close immediately on the splash screen because the notification permission request runs before the activity is attached; older Android versions and iOS are unaffected"},
			{ID: "KI-HB-2", Title: "Goal push alerts arrive after the final whistle", Symptoms: "Notifications delayed by up to 40 minutes on match days"},
			{ID: "KI-HB-3", Title: "Standings table counts a draw as a loss", Symptoms: "Teams lose a point in the table after drawn matches"},
		},
		service: config.Service{Name: "ticker-app", Domains: []string{"handball", "mobile", "live scores"}},
		sig:     Signal{Title: "Aplikacja wyłącza się zaraz po uruchomieniu", Text: "Od wczoraj aplikacja z wynikami zamyka się na ekranie startowym, zanim cokolwiek się pokaże. Mam to ja i dwóch kolegów z fanklubu. Reinstalacja nie pomogła.", Service: "ticker-app"},
		evidence: []string{
			"log: sentry: issue TICKER-3N1 EXC_BAD_ACCESS KERN_INVALID_ADDRESS in LiveTableWidgetProvider.timeline(for:in:) events=2304",
			"log: sentry tags: os=iOS 18.1 app.version=5.2.6 device=iPhone14,5",
			"metric: crash_free_sessions_percent{platform=\"android\"} = 99.7",
			"metric: crash_free_sessions_percent{platform=\"ios\",app_version=\"5.2.6\"} = 61.4",
		},
		want: "",
	},
	// humidity and valve healthy; clear eggs and a new male explain the poor hatch
	{
		name:    "ostrich hatch rate low with humidity on setpoint",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-OST-1", Title: "Incubator humidity runs high when the humidifier solenoid sticks open", Symptoms: "A sticking humidifier valve keeps relative humidity in the setter 10-20 points above setpoint; chicks drown in the shell late in incubation and hatch rates collapse"},
			{ID: "KI-OST-2", Title: "Egg weight loss chart uses set date instead of lay date", Symptoms: "Weight loss curves start on the wrong day"},
			{ID: "KI-OST-3", Title: "Feed silo low-level alarm silenced after restart", Symptoms: "No silo alarm after the controller reboots"},
		},
		service: config.Service{Name: "hatchery-monitor", Domains: []string{"ostrich farming", "incubation", "hatchery"}},
		sig:     Signal{Title: "[Zabbix] Hatch rate below 50% - setter 2, batch 2026-47", Text: "Hatch result entered: 41% (38 of 93 set). Farm average over the last 12 batches: 72%.", Service: "hatchery-monitor"},
		evidence: []string{
			"metric: setter_rh_percent{setter=\"2\"} avg=24.6 min=23.1 max=26.0 over 42d (setpoint 25)",
			"metric: humidifier_valve_open_ratio{setter=\"2\"} = 0.11",
			"log: candling day 14 batch 2026-47: 41 clear (no development), 9 early dead, 43 developing",
			"log: breeding: pen 6 male replaced 2026-10-28; pen 6 laid 52 of the 93 eggs set",
		},
		want: "",
	},
	// undercharged, not overcharged; a promo code skipped the surcharge
	{
		name:    "axe throwing weekend groups undercharged not double surcharge",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-AXE-1", Title: "Weekend surcharge applied twice to group bookings of 8 or more", Symptoms: "Saturday and Sunday bookings for large groups are overcharged because the weekend surcharge is added once per lane and again on the group total"},
			{ID: "KI-AXE-2", Title: "Waiver signatures not linked to the booking when a guest uses a nickname", Symptoms: "Front desk cannot find signed waivers for some guests"},
			{ID: "KI-AXE-3", Title: "Lane tablets lose the score mid-game", Symptoms: "Scoreboard resets to zero after the tablet sleeps"},
		},
		service: config.Service{Name: "lane-bookings", Domains: []string{"bookings", "pricing", "payments"}},
		sig:     Signal{Title: "weekend group pricing is broken again", Text: "stag do of 12 on Saturday, 3 lanes for 2h, website took £96 total. with the weekend rate it should be £240. hen party on Sunday same story, £88. is this the surcharge bug?", Service: "lane-bookings"},
		evidence: []string{
			"log: pricing: booking AXB-7731 rule=weekend_surcharge skipped reason=promo_exclusive code=LEAGUE60",
			"log: pricing: promo LEAGUE60 (60% off, league members, weekdays only) validity: day_of_week not enforced",
		},
		want: "",
	},
	// the issue needs wall over 25 mm; this line is 9.27 mm and the pressure build-up says the pig is stuck
	{
		name:    "pigging run pig not detected is stuck pig on thin wall line",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PIG-1", Title: "Magnetic pig signallers miss passages on heavy-wall pipe over 25 mm", Symptoms: "On sections with wall thickness above 25 mm the signaller's magnetometer does not see the pig's magnets, so the passage is never logged although the pig travels normally and arrives at the receiver"},
			{ID: "KI-PIG-2", Title: "Run report exports distances in feet for metric jobs", Symptoms: "KP columns in the PDF are in feet"},
			{ID: "KI-PIG-3", Title: "Launcher trap pressure trend missing after gateway reboot", Symptoms: "Gaps in the launcher pressure chart"},
		},
		service: config.Service{Name: "pig-tracking", Domains: []string{"pipelines", "pigging", "tracking"}},
		sig:     Signal{Title: "PIG NOT DETECTED - line 7 cleaning run, signaller KP 42 overdue 95 min", Text: "Expected passage at KP 42 at 10:40 at 1.1 m/s. No passage recorded. Receiver trap at KP 58 still empty.", Service: "pig-tracking"},
		evidence: []string{
			"log: line register: line 7 OD 273.1 mm, wall thickness 9.27 mm",
			"log: PS-31: passage detected 09:58:12; PS-42: self-test PASS, magnetometer baseline normal",
			"metric: line7_dp_bar{segment=\"KP31-KP42\"} rose from 0.4 to 7.9 since 10:05",
			"metric: line7_flow_m3_h{point=\"receiver\"} = 12 (launch 310)",
		},
		want: "",
	},
	// French; the issue reads low after a battery swap, this reads high and is confirmed real
	{
		name:    "pearl farm buoy reads high and real not low offset bug french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-PRL-1", Title: "Buoy temperature logger reads 2-3 °C low after a battery swap", Symptoms: "Replacing the logger battery resets its calibration offset, so lagoon temperatures are reported 2-3 °C below the real value until the offset is re-entered"},
			{ID: "KI-PRL-2", Title: "Graft batch labels duplicated on export", Symptoms: "Two batches share one label in the CSV export"},
			{ID: "KI-PRL-3", Title: "Boat fuel log missing from the daily report", Symptoms: "Fuel entries not included after 18:00"},
		},
		service: config.Service{Name: "lagoon-sensors", Domains: []string{"pearl farming", "sensors", "water temperature"}},
		sig:     Signal{Title: "Bouée B3 : 31,4 °C, encore le bug de sonde ?", Text: "La bouée B3 du lagon nord affiche 31,4 °C depuis ce matin, on n'a jamais vu ça ici. Ce ne serait pas encore le problème de sonde après changement de pile ? Si c'est réel il faut descendre les nacres plus profond.", Service: "lagoon-sensors"},
		evidence: []string{
			"log: buoy B3 maintenance: last battery replacement 2026-08-03, calibration offset re-entered 2026-08-03",
			"metric: handheld_probe_temp_c{site=\"B3\",depth=\"2m\"} = 31.2",
			"metric: sst_satellite_c{cell=\"north-lagoon\"} = 31.0",
			"metric: buoy_temp_c{buoy=\"B2\"} = 30.9",
		},
		want: "",
	},
	// same machine and same part of the beam, but the tool library is intact; the design flipped the reference side
	{
		name:    "timber frame mortises on wrong face is design reference side not tool offsets",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "KI-TF-1", Title: "Joinery CNC cuts mortises offset after a tool library re-import zeroes length offsets", Symptoms: "Re-importing the tool library resets tool length offsets to zero; mortise depths and positions come out several millimetres wrong on every beam until the tools are re-measured"},
			{ID: "KI-TF-2", Title: "Beam labels print with the previous project number", Symptoms: "Stickers show last job's number"},
			{ID: "KI-TF-3", Title: "Nesting optimiser ignores knot exclusion zones", Symptoms: "Joints cut through marked knots"},
		},
		service: config.Service{Name: "joinery-cnc", Domains: []string{"timber framing", "cnc", "joinery"}},
		sig:     Signal{Title: "Haus Keller beams: mortises on the wrong side - CNC offset bug?", Text: "Batch 88 for Haus Keller came off the joinery line tonight. On beams B-18 to B-24 the rafter mortises are cut into the underside instead of the top face. Depth and spacing look right. Is this the tool offset thing from last spring?", Service: "joinery-cnc"},
		evidence: []string{
			"log: cnc: tool library unchanged since 2026-09-14 (checksum a41f09); T12 measured length 182.40 mm = library value",
			"log: btl-import: project HK-0412 rev C, beams B-18..B-24 reference side changed 3 -> 1 by j.brandt",
			"metric: qc_mortise_depth_error_mm{batch=\"88\"} = 0.3",
		},
		want: "",
	},
}

func TestKnownIssueHeldout37(t *testing.T) { runKISample(t, "known-issue held-out 37", kiHeldout37) }
