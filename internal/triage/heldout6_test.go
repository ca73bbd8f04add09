package triage

// heldout6_test.go is a sixth sample of known-issue cases, written by a
// helper that did not read the matcher, after the fourth and fifth
// samples' fixes (cause shown working, vocabulary, cognates). First run:
// correct 6/10, precision 0.75 (3/4 claims), recall 0.50: one wrong claim,
// whose cause the evidence showed healthy but at x0.2 of a very large
// overlap and a shared "mechanism" that was only the word "unit" (an
// ambulance). With that statement made as decisive as an issue that rules
// out the report (x0.1) and "unit" no longer a format word: 7/10,
// precision 1.00, recall 0.50. It has tuned
// a rule since, so it is no longer held out.

import (
	"testing"

	"github.com/warroom/warroom/internal/config"
)

var kiHeldout6 = []kiCase{
	// Same problem, different words → match.
	{
		name:    "aquarium_redox_readout_stuck_ozonizer_idle",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "AQ-LSS-114", Title: "Ozone dosing halts when ORP probe calibration expires", Symptoms: "Ozone generator stops injecting; ORP readings flatline at the last calibrated value; reef tank clarity degrades over several hours."},
			{ID: "AQ-LSS-121", Title: "Chiller loop alarms flap when the Modbus gateway drops polls", Symptoms: "Temperature alarms for the shark exhibit fire and clear every few minutes; gateway logs show Modbus read timeouts."},
			{ID: "AQ-LSS-130", Title: "Automated feeders skip exhibits after daylight-saving change", Symptoms: "Feeding log shows missed rounds for one hour of exhibits the morning after the clock shift."},
		},
		service: config.Service{Name: "reef-lifesupport", Domains: []string{"life-support", "water-quality"}},
		sig: Signal{
			Title:   "Redox potential readout frozen, ozonizer putting nothing out on coral display",
			Service: "reef-lifesupport",
			Text:    "Oxidation-reduction value on the coral display hasn't moved since yesterday afternoon and the ozonizer is idle. Maintenance sheet says the sensor's cal certificate lapsed on Monday. Water is turning hazy.",
		},
		evidence: []string{
			"lss-controller: redox_sensor state=CAL_OVERDUE last_cal_age=9d",
			"ozone_injector duty_cycle=0% interlock=redox_invalid",
		},
		want: "AQ-LSS-114",
	},
	{
		name:    "cargo_airline_captain_hazmat_notice_short_on_lithium_packs",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "CGO-LP-207", Title: "Weight and balance loadsheet generation times out when ULD catalog sync lags", Symptoms: "Loadsheet requests for freighter departures hang and return 504; ULD tare weights missing from the catalog."},
			{ID: "CGO-LP-219", Title: "Dangerous goods NOTOC omits lithium battery entries after shipper code remap", Symptoms: "Notification to captain lists fewer DG items than the air waybills declare; class 9 battery lines missing."},
			{ID: "CGO-LP-233", Title: "Customs pre-arrival filing rejected when an AWB has split shipments", Symptoms: "Advance cargo declarations bounce with a piece-count mismatch for partial consignments."},
		},
		service: config.Service{Name: "cargo-loadplanner", Domains: []string{"load-planning", "flight-ops"}},
		sig: Signal{
			Title:   "Special-load crew notice for CVG-LEJ 767F shows 3 hazmat items, paperwork says 7",
			Service: "cargo-loadplanner",
			Text:    "Flight crew flagged that the printed special-load notification leaves out four hazardous consignments. Every missing one is a UN3480 lithium-ion pack. Began right after Tuesday's consignor identifier mapping change.",
		},
		evidence: []string{
			"notoc-builder: dg_items_in=7 dg_items_out=3 dropped_un=UN3480",
			"shipper-map: consignor_id remap v41 applied 2024-05-14T06:00Z",
		},
		want: "CGO-LP-219",
	},
	{
		name:    "podcast_hosting_new_episode_invisible_in_directory_apps",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "POD-FD-041", Title: "RSS feeds serve stale episode lists when CDN cache purge fails", Symptoms: "Newly published episodes do not appear in Apple Podcasts or Spotify; feed XML at the CDN lacks the latest item; purge API returns errors."},
			{ID: "POD-FD-052", Title: "Audio enclosure URLs 404 after storage bucket migration", Symptoms: "Players show episode unavailable; enclosure links still point at the old bucket hostname."},
			{ID: "POD-FD-066", Title: "Download analytics double-count when the IAB filter job restarts", Symptoms: "Daily download totals jump to roughly twice the usual value for affected shows."},
		},
		service: config.Service{Name: "feedsmith", Domains: []string{"rss", "publishing"}},
		sig: Signal{
			Title:   "Listeners can't find Thursday's show in their apps",
			Service: "feedsmith",
			Text:    "Creator hit publish three hours ago and the show is live in our creator portal, yet listening apps still list last week as the newest. Fetching the syndication document from an edge node returns the old item set while the origin copy is correct. Invalidation calls to the edge provider keep getting throttled.",
		},
		evidence: []string{
			"cdn-invalidate: POST /invalidations status=429 retry_after=600",
			"edge GET /feeds/8812.xml age=10840s",
		},
		want: "POD-FD-041",
	},

	// Reports in other languages → match.
	{
		name:    "vineyard_frost_fans_idle_spanish",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "VIN-IRR-310", Title: "Drip irrigation valves stay open when LoRa soil moisture sensors go offline", Symptoms: "Vine blocks get over-watered; valve controller holds its last command; moisture dashboard shows gaps."},
			{ID: "VIN-IRR-318", Title: "Frost protection fans fail to start when weather station feed is delayed", Symptoms: "Temperature drops below the frost threshold but wind machines stay idle; weather feed timestamps lag real time."},
			{ID: "VIN-IRR-325", Title: "Harvest picker tally sync fails on low-bandwidth cellular", Symptoms: "Bin counts per picker missing from payroll export after a day in the far blocks."},
		},
		service: config.Service{Name: "vina-riego", Domains: []string{"irrigation", "field-sensors"}},
		sig: Signal{
			Title:   "Ventiladores antiheladas no arrancaron anoche en el bloque norte",
			Service: "vina-riego",
			Text:    "La temperatura bajó a -1 °C a las 4:10 y los ventiladores de protección contra heladas siguieron apagados. Los datos de la estación meteorológica llegaban con unos 40 minutos de retraso.",
		},
		evidence: []string{
			"frostctl: wx_feed lag_seconds=2410 threshold=300",
			"frostctl: start_fans skipped reason=stale_weather block=norte",
		},
		want: "VIN-IRR-318",
	},
	{
		name:    "wind_farm_curtailment_ignored_german",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "WF-SC-502", Title: "Turbine pitch telemetry drops when OPC UA session certificates expire", Symptoms: "SCADA shows gaps in blade pitch and rotor speed for whole strings; OPC UA server logs BadCertificateTimeInvalid."},
			{ID: "WF-SC-517", Title: "Curtailment setpoints not applied when grid operator API returns partial payloads", Symptoms: "Park output exceeds the curtailment limit; setpoint history shows null values for some turbines."},
			{ID: "WF-SC-523", Title: "Ice detection raises false alarms after anemometer heater failure", Symptoms: "Turbines stop for icing on mild days; nacelle anemometer reads zero wind."},
		},
		service: config.Service{Name: "windpark-scada", Domains: []string{"scada", "turbine-telemetry"}},
		sig: Signal{
			Title:   "Abregelung des Netzbetreibers wird nicht umgesetzt – Park speist über dem Limit ein",
			Service: "windpark-scada",
			Text:    "Seit 13:00 Uhr liefert der Windpark 38 MW, obwohl der Netzbetreiber auf 25 MW begrenzt hat. In der Sollwert-Historie stehen für mehrere Anlagen leere Werte; die Antwort der Schnittstelle des Netzbetreibers ist unvollständig.",
		},
		evidence: []string{
			"curtail-sync: grid_api response truncated fields_missing=setpoint_kw count=9",
		},
		want: "WF-SC-517",
	},
	{
		name:    "art_auction_remote_bidders_lagging_french",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "ART-BID-710", Title: "Online bidders see stale lot prices when websocket fan-out node is overloaded", Symptoms: "Remote bidders' screens trail the auctioneer by many seconds; bids rejected as below the current price."},
			{ID: "ART-BID-722", Title: "Absentee bids not loaded when catalogue import fails", Symptoms: "Commission bids missing for lots; the auctioneer's book is empty at sale start."},
			{ID: "ART-BID-735", Title: "Buyer's premium invoices miscalculated for lots hammered in a foreign currency", Symptoms: "Invoice totals off by the exchange-rate margin for lots sold in USD or CHF."},
		},
		service: config.Service{Name: "salle-enchere-live", Domains: []string{"live-bidding", "websocket"}},
		sig: Signal{
			Title:   "Les enchérisseurs à distance voient des montants en retard sur le commissaire-priseur",
			Service: "salle-enchere-live",
			Text:    "Pendant la vente impressionniste, les acheteurs en ligne voient le montant du lot avec 8 à 10 secondes de décalage ; plusieurs offres refusées car inférieures à l'enchère courante. Le nœud de diffusion websocket est saturé à 98 % de CPU.",
		},
		evidence: []string{
			"ws-fanout-2: cpu=98% send_queue_depth=41200",
		},
		want: "ART-BID-710",
	},

	// Many shared words, but the evidence shows another cause → no match.
	{
		name:    "ambulance_icons_frozen_but_broker_healthy_modem_firmware",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "AMB-CAD-118", Title: "Ambulance positions freeze on dispatch map when AVL MQTT broker hits connection limit", Symptoms: "Unit icons stop moving on the CAD map; recommendations pick units that already left; broker logs max connections reached."},
			{ID: "AMB-CAD-126", Title: "Call-taker screens hang when the address geocoder times out", Symptoms: "Incident entry form spins after typing a street; geocoder latency above 10s."},
			{ID: "AMB-CAD-139", Title: "Crew paging alerts delayed when SMS aggregator throttles", Symptoms: "Crews receive dispatch pages minutes late; aggregator returns 429."},
		},
		service: config.Service{Name: "cad-avl", Domains: []string{"dispatch", "vehicle-location"}},
		sig: Signal{
			Title:   "Ambulance positions frozen on dispatch map, northern sector",
			Service: "cad-avl",
			Text:    "Unit icons for Medic 12, 14 and 17 stopped moving on the CAD map around 02:40; recommendations suggested Medic 14 although it had already left station. Only vehicles fitted with the new in-cab modem are affected.",
		},
		evidence: []string{
			"mqtt-broker: connections=412/5000 status=healthy",
			"avl-ingest: units=12,14,17 last_fix_age=1900s gps_status=NO_FIX modem_fw=4.2.1",
			"modem-fleet: firmware 4.2.1 rollout completed 02:35; GNSS antenna port disabled by default",
		},
		want: "",
	},
	{
		name:    "esports_results_not_ingesting_schema_change_not_rate_limit",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "ESP-RES-044", Title: "Match results stop ingesting when publisher game API rate-limits our key", Symptoms: "Standings not updating after matches end; ingest worker logs HTTP 429 from the publisher API."},
			{ID: "ESP-RES-057", Title: "Broadcast overlay shows wrong team roster after substitution window", Symptoms: "Caster overlay lists benched players after a mid-split roster swap."},
		},
		service: config.Service{Name: "league-results", Domains: []string{"match-data", "standings"}},
		sig: Signal{
			Title:   "Match results not ingesting, standings stuck after week 6 games",
			Service: "league-results",
			Text:    "Three finished series still show as in progress and the standings table is unchanged since Saturday. The ingest worker keeps retrying its publisher API calls in a loop.",
		},
		evidence: []string{
			"publisher-api: 200 OK rate_limit_remaining=4870/5000",
			"ingest-worker: json: cannot unmarshal string into Go struct field MatchResult.score of type int",
			"publisher changelog v3.2: score field is now a string",
		},
		want: "",
	},

	// Nothing fits → no match.
	{
		name:    "prison_visits_renamed_facility_empty_calendar",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "PVB-201", Title: "Visit confirmation texts not sent when SMS provider credentials rotate", Symptoms: "Visitors report no confirmation message after booking; provider returns 401."},
			{ID: "PVB-214", Title: "Visitor identity checks fail when the national ID verification service is down", Symptoms: "Booking stalls at the identity step; verification API answers 503."},
			{ID: "PVB-229", Title: "Visit slots double-allocated when two officers edit the roster simultaneously", Symptoms: "Two families arrive for the same table and time; audit log shows concurrent roster saves."},
		},
		service: config.Service{Name: "visitbook", Domains: []string{"visitor-booking", "notifications"}},
		sig: Signal{
			Title:   "Booking page shows an empty calendar for HMP Ashfield",
			Service: "visitbook",
			Text:    "The establishment picker loads, but choosing Ashfield shows no dates at all; every other site is fine. Ashfield was renamed in the estate directory last night.",
		},
		evidence: []string{
			"visitbook-api: GET /facilities/ASH-07/slots 404 facility_not_found",
		},
		want: "",
	},
	{
		name:    "dairy_mixer_wagon_outdated_ration_recipe",
		heldOut: true,
		issues: []KnownIssue{
			{ID: "DRY-MK-061", Title: "Milking robot yields missing from herd records when barn gateway loses uplink", Symptoms: "Daily yield per cow blank in the herd app; robots buffer locally; barn gateway shows offline."},
			{ID: "DRY-MK-074", Title: "Bulk tank temperature alerts delayed when sensor battery runs low", Symptoms: "Cooling alarms arrive hours late; tank probe reports low voltage."},
			{ID: "DRY-MK-088", Title: "Heat detection collar alerts duplicated after pedometer firmware update", Symptoms: "Each cow in oestrus raises two or three identical notifications."},
		},
		service: config.Service{Name: "parlor-sync", Domains: []string{"milking", "herd-records"}},
		sig: Signal{
			Title:   "TMR mixer loaded the wrong recipe for the fresh-cow pen",
			Service: "parlor-sync",
			Text:    "This morning the mixer wagon loaded the far-off dry cow ration for pen 3. The nutritionist saved an updated recipe yesterday, but the mixer controller still shows last week's version.",
		},
		evidence: []string{
			"ration-api: PUT /recipes/pen3 200 version=14",
			"mixer-ctl: active_recipe pen=3 version=12 sync_job last_run=6d ago",
		},
		want: "",
	},
}

func TestKnownIssueHeldout6(t *testing.T) {
	runKISample(t, "known-issue held-out 6", kiHeldout6)
}
