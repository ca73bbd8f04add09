package triage

// knownissue_meaning.go lets known issues match by meaning, not spelling:
// words that name the same thing meet in one concept ("lapsed" and
// "expired", "throttled" and "429"), a few common words of German,
// Spanish, French and Portuguese incident reports are read as their
// English equivalents, and concepts that name a mechanism (a certificate,
// a lock, a full disk) are told apart from those that only name an effect
// (slow, failing, missing), so that an issue whose mechanism differs from
// the one the evidence shows is not claimed on shared effect words.

import (
	"fmt"
	"sort"
	"strings"
)

// A concept is written as a term with a leading '~' so it never collides
// with a word.
const conceptMark = "~"

// mechanismConcepts name a cause; the rest name effects or scope. A
// provider or upstream is where a fault sits, not what it is, so it is no
// mechanism.
var mechanismConcepts = set(`~certificate ~expiry ~dblock ~pool ~memory ~disk ~dns ~ratelimit ~maintenance ~clock
	~network ~credential ~format ~firmware ~replication ~sizelimit ~timezone ~allowance`)

// conceptWords lists, per concept, words (stemmed at start-up) that name
// it. General vocabulary only: no product, team or incident names.
var conceptWords = map[string]string{
	"~certificate": `certificate cert certs tls ssl x509 handshake pki`,
	"~expiry":      `expire expired expires expiry expiration lapse lapsed lapses outdated`,
	"~dblock":      `deadlock deadlocks deadlocked contention`, // not "lock" (stemmed from "locked" too): doors have locks
	"~pool":        `pool pools exhausted exhaustion saturated saturation`,
	"~memory":      `memory oom oomkilled heap`,
	"~disk":        `disk disks enospc volume storage inode inodes`,
	"~dns":         `dns nxdomain resolver resolve resolution`,
	"~ratelimit":   `throttle throttled throttling ratelimit ratelimited quota 429`,
	"~maintenance": `maintenance`,
	"~clock":       `clock ntp drift skew`,
	"~network":     `network switch router dhcp radio link packet bluetooth wifi`, // not "reset": many causes reset connections
	"~credential":  `credential credentials unauthorized unauthorised forbidden 401 403 token apikey signature hmac password`,
	"~format":      `format formats locale decimal comma delimiter separator parse parser parsing encoding schema`, // not "unit": an ambulance, a flat and a battalion are units too
	"~firmware":    `firmware`,
	"~replication": `replication replica failover`,
	"~sizelimit":   `413 oversize oversized`,
	"~upstream":    `provider vendor upstream carrier supplier`,
	"~unreachable": `offline unreachable disconnected disconnect unavailable`,
	"~slow":        `slow slowness latency crawling sluggish`,
	"~timeout":     `timeout timeouts deadline 504`,
	"~missing":     `missing gap gaps absent blank empty disappear disappeared disappears vanish vanished vanishes holes`,
	"~stale":       `stale stall stalls stalled frozen freeze freezes flatline flatlined flatlines`,
	"~backlog":     `backlog queue queued queues pile outbox`,
	"~reject":      `reject rejects rejected rejecting refuse refuses refused refusing deny denies denied decline declined declines bounce bounced`,
	"~wrong":       `wrong incorrect garbled corrupt`,
	"~region":      `region regions regional zone zones world geo georegion`,
	"~edge":        `cdn edge edges cache pop`,
	"~duplicate":   `duplicate duplicates duplicated twice double doubled repeated overlap overlaps overlapping`,
	"~large":       `large larger big bigger`,
	"~fail":        `fail fails failed failing failure failures error errors broken degraded degrade degradation outage`,
	"~timezone":    `timezone timezones dst daylight`, // not "clock": drift is ~clock, another mechanism
	"~delay":       `delay delayed delays lag lags lagging lagged`,
	"~charged":     `charged debited billed`,
	"~concurrent":  `concurrent concurrently simultaneous simultaneously overlapping conflict conflicts race`,
	"~allowance":   `cap capped allowance allowances`, // a plan's data or usage allowance: not a rate limit
	"~pending":     `pending awaiting`,
}

// conceptPhrases are multi-word expressions of a concept, matched in
// lower-cased text before it is split into words.
var conceptPhrases = map[string][]string{
	// Phrases in other languages are written accent-folded: text is matched
	// after folding.
	"~disk": {"no space left", "out of space", "at capacity"},
	"~ratelimit": {"too many requests", "rate limit", "rate limited", "rate-limited", "demasiadas solicitudes",
		"demasiadas peticiones", "trop de requetes", "zu viele anfragen", "muitas requisicoes", "troppe richieste"},
	"~timeout": {"timed out", "times out", "time out", "took too long", "tiempo de espera", "delai d'attente",
		"tempo limite", "tempo esgotado", "tempo di attesa"},
	"~sizelimit": {"too large", "entity too large", "upload limit", "size limit", "too big", "demasiado grande",
		"trop volumineu", "trop grand", "zu gross", "muito grande", "troppo grande"},
	"~unreachable": {"not reachable", "cannot connect", "can't connect", "cannot reach", "no longer connected",
		"not connected"},
	"~stale": {"stopped updating", "stop updating", "not updating", "no longer updating", "still shows",
		"still showing", "still says", "still lists", "still listing", "still displays", "yesterday's", "previous day's",
		"last week's", "hasn't moved", "has not moved", "hasn't changed", "has not changed", "not refreshed",
		"hasn't refreshed", "has not refreshed", "flat line", "no se actualiza", "sin actualizar", "desactualizad",
		"ne se met plus a jour", "ne se met pas a jour", "pas a jour", "plus a jour", "veraltet",
		"aktualisiert sich nicht", "nicht aktualisiert", "nicht mehr aktualisiert", "nao atualiza", "desatualizad",
		"non si aggiorna", "non aggiornat"},
	"~missing": {"not showing", "never arrive", "not arriving", "not received", "don't receive", "do not receive"},
	"~memory":  {"out of memory"},
	"~dblock": {"for update", "lock wait", "lock timeout", "row lock", "table lock", "advisory lock",
		"waiting for lock"},
	"~duplicate": {"two times", "three times", "several times", "multiple times", "more than once", "en double",
		"deux fois", "plusieurs fois", "dos veces", "varias veces", "por duplicado", "mehrfach", "uberschneid",
		"chevauch", "se solapan", "duas vezes", "em dobro", "em duplicado", "varias vezes", "sobrepost", "due volte",
		"piu volte"},
	"~delay": {"seconds behind", "minutes behind", "hours behind", "out of sync", "en retard", "de retard",
		"de decalage", "con retraso", "retraso", "verspatet", "verzogerung", "hinterher", "em atraso", "com atraso",
		"atrasad", "in ritardo"},
	"~timezone": {"hour off", "hour late", "hour early", "hour ahead", "clock change", "clocks changed",
		"time change", "summer time", "winter time", "daylight saving", "changement d'heure", "heure d'ete",
		"heure d'hiver", "decale d'une heure", "decalees d'une heure", "une heure de decalage", "cambio de hora",
		"horario de verano", "una hora de diferencia", "una hora tarde", "una hora antes", "zeitumstellung",
		"sommerzeit", "winterzeit", "um eine stunde", "mudanca de hora", "horario de verao", "uma hora de diferenca",
		"ora legale", "cambio dell'ora"},
	"~concurrent": {"same moment", "same time", "at once", "same instant"},
	"~allowance":  {"used up", "runs out of data", "ran out of data", "run out of data", "out of data"},
	"~pending":    {"stays pending", "still pending", "en attente", "pendiente", "ausstehend", "pendente", "in attesa"},
	"~charged":    {"card was taken", "money was taken", "abgebucht", "cobrad", "debitad", "addebitat"},
	"~expiry": {"no longer valid", "ya no es valid", "plus valide", "nicht mehr gultig", "nao e mais valid",
		"non piu valid"},
}

// foreignWords reads common words of incident reports in German, Spanish,
// French and Portuguese as English ones (accents folded first).
var foreignWords = map[string]string{
	// German
	"fehler": "error", "ausfall": "outage", "storung": "outage", "langsam": "slow", "hangt": "stuck", "abgelaufen": "expired",
	"zertifikat": "certificate", "verbindung": "connection", "zeituberschreitung": "timeout", "aktualisieren": "update",
	"aktualisiert": "updated", "eingefroren": "frozen", "werte": "values", "daten": "data", "fehlen": "missing", "fehlt": "missing",
	"zahlung": "payment", "zahlungen": "payments", "anmeldung": "login", "speicher": "memory", "festplatte": "disk", "voll": "full",
	"warteschlange": "queue", "datenbank": "database", "kunden": "customers", "nutzer": "users", "schloss": "lock", "schlosser": "locks",
	"tur": "door", "turen": "door", "offnen": "open", "fernoffnung": "remote open", "zugangscodes": "access codes", "erreichbar": "reachable",
	"temperaturen": "temperatures", "temperatur": "temperature", "lieferung": "delivery", "rechnung": "invoice", "bestellung": "order",
	"bestellungen": "orders", "abgelehnt": "rejected", "doppelt": "duplicate", "falsch": "wrong", "leer": "empty",
	// Spanish
	"transmision": "stream", "silencio": "silence", "senal": "signal", "perdida": "lost", "receptor": "receiver", "codificador": "encoder",
	"error": "error", "fallo": "failure", "falla": "fails", "caido": "down", "lento": "slow", "certificado": "certificate",
	"caducado": "expired", "vencido": "expired", "conexion": "connection", "usuarios": "users", "clientes": "customers", "pago": "payment",
	"pagos": "payments", "datos": "data", "faltan": "missing", "disco": "disk", "lleno": "full", "memoria": "memory", "cola": "queue",
	"pedidos": "orders", "factura": "invoice", "rechazado": "rejected", "rechaza": "rejects", "duplicado": "duplicate", "incorrecto": "wrong",
	"vacio": "empty", "bloqueado": "stuck",
	// French
	"erreur": "error", "panne": "outage", "lent": "slow", "lente": "slow", "certificat": "certificate", "expire": "expired",
	"connexion": "connection", "paiement": "payment", "paiements": "payments", "disque": "disk", "plein": "full", "memoire": "memory",
	"manquant": "missing", "manquants": "missing", "bloque": "stuck", "utilisateurs": "users", "faux": "wrong", "fausses": "wrong",
	"commandes": "orders", "facture": "invoice", "rejete": "rejected", "vide": "empty", "donnees": "data", "fichier": "file",
	// Portuguese
	"falha": "failure", "erro": "error", "lenta": "slow", "expirado": "expired", "expira": "expires", "conexao": "connection",
	"pagamento": "payment", "pagamentos": "payments", "cheio": "full", "fila": "queue", "dados": "data", "utilizadores": "users",
	"atualizar": "update", "telefone": "phone", "arquivo": "file", "rejeitado": "rejected", "errado": "wrong",
	// General operations vocabulary, all five languages (Italian too).
	"zurucksetzen": "reset", "zuruckgesetzt": "reset", "reiniciar": "restart", "reinitialiser": "reset", "redefinir": "reset",
	"actualizacion": "update", "aktualisierung": "update", "atualizacao": "update", "aggiornamento": "update",
	"befehl": "command", "befehle": "commands", "comando": "command", "comandos": "commands",
	"passerelle": "gateway", "pasarela": "gateway", "puissance": "power", "potencia": "power", "leistung": "power",
	"reseau": "network", "netzwerk": "network", "rete": "network",
	"posicion": "position", "posiciones": "positions", "ubicacion": "location", "standort": "location", "posicao": "position",
	"localizacao": "location", "posizione": "position", "hora": "hour", "uhrzeit": "time", "heure": "hour", "stunde": "hour",
	"reloj": "clock", "uhr": "clock", "horloge": "clock", "relogio": "clock", "orologio": "clock",
	"horario": "schedule", "zeitplan": "schedule", "reintento": "retry", "reintentos": "retries", "wiederholung": "retry",
	"tentativa": "attempt", "tentative": "attempt", "leido": "read", "gelesen": "read", "lido": "read", "lida": "read", "lu": "read",
	"reconocido": "recognised", "reconhecido": "recognised", "reconhece": "recognises", "reconnu": "recognised", "erkannt": "recognised",
	"etiqueta": "tag", "etikett": "tag", "etiquette": "tag", "congelado": "frozen", "congeladas": "frozen", "congelados": "frozen",
	"fige": "frozen", "figees": "frozen", "figes": "frozen", "mapa": "map", "karte": "map", "carte": "map",
	"conductor": "driver", "conductores": "drivers", "fahrer": "driver", "chauffeur": "driver", "chauffeurs": "drivers",
	"motorista": "driver", "motoristas": "drivers", "pantalla": "screen", "bildschirm": "screen", "ecran": "screen", "tela": "screen",
	"dispositivo": "device", "dispositivos": "devices", "gerat": "device", "gerate": "devices", "appareil": "device",
	"precio": "price", "precios": "prices", "preis": "price", "preise": "prices", "prix": "price", "preco": "price", "precos": "prices",
	"prezzo": "price", "reserva": "booking", "reservas": "bookings", "buchung": "booking", "buchungen": "bookings",
	"cuenta": "account", "konto": "account", "compte": "account", "conta": "account", "contrasena": "password",
	"passwort": "password", "senha": "password", "mensaje": "message", "mensajes": "messages", "nachricht": "message",
	"nachrichten": "messages", "mensagem": "message", "mensagens": "messages", "messaggio": "message",
	"notificacion": "notification", "benachrichtigung": "notification", "notificacao": "notification",
	"clave": "key", "schlussel": "key", "cle": "key", "chave": "key", "chiave": "key", "datei": "file", "archivo": "file",
	"detenido": "stopped", "gestoppt": "stopped", "arrete": "stopped", "parado": "stopped", "enviado": "sent", "gesendet": "sent",
	"envoye": "sent", "aplicado": "applied", "aplicadas": "applied", "angewendet": "applied", "appliquees": "applied",
	"aceptado": "accepted", "akzeptiert": "accepted", "acceptees": "accepted", "aceito": "accepted", "ignorado": "ignored",
	"ignoriert": "ignored", "verschoben": "shifted", "desplazado": "shifted", "decale": "shifted", "decalees": "shifted",
	"servidor": "server", "serveur": "server", "sesion": "session", "sitzung": "session", "sessao": "session",
	"cobrado": "charged", "cobrados": "charged", "belastet": "charged", "debite": "charged", "zweimal": "twice",
	"retrasado": "delayed", "verzogert": "delayed", "retarde": "delayed", "atrasado": "delayed", "pedido": "order",
	"sincronizacion": "sync", "synchronisierung": "sync", "sincronizacao": "sync", "sensores": "sensors",
	"lecturas": "readings", "lectura": "reading", "messwerte": "readings", "leituras": "readings", "mesures": "readings",
	"ingesta": "ingestion", "contadores": "meters", "zahler": "meters", "compteurs": "meters",
	"suscriptores": "subscribers", "abonnenten": "subscribers", "abonnes": "subscribers", "assinantes": "subscribers",
	"conexiones": "connections", "verbindungen": "connections", "conexoes": "connections", "desconecta": "disconnects",
	"getrennt": "disconnected", "deconnecte": "disconnected", "desconectado": "disconnected",
	// Everyday words of reports: what is shown, refused, lost, late, wrong,
	// and the things it happens to (all five languages, Italian too).
	"mauvais": "wrong", "mauvaise": "wrong", "errone": "wrong", "erronee": "wrong", "errones": "wrong", "erronees": "wrong",
	"equivocado": "wrong", "equivocada": "wrong", "erroneo": "wrong", "erronea": "wrong", "incorrecta": "wrong",
	"incorrectos": "wrong", "falsche": "wrong", "falschen": "wrong", "falscher": "wrong", "falsches": "wrong",
	"fehlerhaft": "wrong", "errada": "wrong", "errados": "wrong", "erradas": "wrong", "incorreto": "wrong",
	"incorreta": "wrong", "sbagliato": "wrong", "sbagliata": "wrong", "sbagliati": "wrong",
	"planning": "schedule", "disponible": "available", "disponibles": "available", "verfugbar": "available", "disponivel": "available",
	"disponiveis": "available", "disponibile": "available", "calendrier": "calendar", "calendario": "calendar",
	"kalender": "calendar", "affiche": "shows", "affichent": "show", "muestra": "shows", "muestran": "show",
	"zeigt": "shows", "zeigen": "show", "mostra": "shows", "mostram": "show", "apparaissent": "appear",
	"aparecen": "appear", "aparece": "appears", "erscheinen": "appear", "erscheint": "appears", "aparecem": "appear",
	"refuses": "refused", "refusee": "refused", "refusees": "refused", "rechazados": "rejected", "rechazadas": "rejected",
	"rechazada": "rejected", "abgewiesen": "rejected", "zuruckgewiesen": "rejected", "verweigert": "denied",
	"recusado": "rejected", "recusados": "rejected", "recusada": "rejected", "recusadas": "rejected",
	"rifiutato": "rejected", "rifiutati": "rejected", "billet": "ticket", "billets": "tickets",
	"lecteur": "reader", "lecteurs": "readers", "lector": "reader", "lectores": "readers", "lesegerat": "reader",
	"leitor": "reader", "leitores": "readers", "lettore": "reader", "capteur": "sensor", "capteurs": "sensors",
	"poids": "weight", "peso": "weight", "gewicht": "weight", "balanza": "scale", "balanca": "scale", "balancas": "scales",
	"waage": "scale", "bilancia": "scale", "cero": "zero", "correo": "email", "correos": "emails", "courriel": "email",
	"confirmacion": "confirmation", "bestatigung": "confirmation", "confirmacao": "confirmation", "conferma": "confirmation",
	"telecharger": "download", "descargar": "download", "herunterladen": "download", "baixar": "download",
	"televerser": "upload", "subir": "upload", "suben": "upload", "hochladen": "upload", "carregar": "upload",
	"imprimante": "printer", "impresora": "printer", "drucker": "printer", "impressora": "printer", "stampante": "printer",
	"imprime": "prints", "druckt": "prints", "amende": "fine", "amendes": "fines", "multa": "fine", "multas": "fines",
	"sancion": "fine", "sanciones": "fines", "bussgeld": "fine", "strafzettel": "fine", "disparu": "missing",
	"disparus": "missing", "disparaissent": "disappear", "desaparecido": "missing", "desaparecidos": "missing",
	"desaparecen": "disappear", "verschwunden": "missing", "desapareceram": "disappeared", "sumiu": "disappeared",
	"sumiram": "disappeared", "scomparso": "missing", "scomparsi": "missing", "perdu": "lost", "perdus": "lost",
	"perdido": "lost", "perdidos": "lost", "verloren": "lost", "doublon": "duplicate", "doublons": "duplicates",
	"duplicados": "duplicate", "duplicadas": "duplicate", "duplicada": "duplicate", "doble": "double",
	"doppelte": "duplicate", "doppelten": "duplicate", "retard": "delay", "verspatung": "delay", "atraso": "delay",
	"ritardo": "delay", "atascado": "stuck", "atascados": "stuck", "bloquee": "stuck", "bloques": "stuck",
	"travado": "stuck", "travada": "stuck", "bloccato": "stuck", "serrure": "lock", "cerradura": "lock",
	"fechadura": "lock", "porte": "door", "portes": "doors", "puerta": "door", "puertas": "doors", "porta": "door",
	"portas": "doors", "acces": "access", "acceso": "access", "zugang": "access", "acesso": "access", "accesso": "access",
	"foto": "photo", "fotos": "photos", "imagen": "image", "imagenes": "images", "bild": "image", "bilder": "images",
	"imagem": "image", "imagens": "images", "immagine": "image", "camara": "camera", "kamera": "camera",
	"matricula": "plate", "kennzeichen": "plate", "plaque": "plate", "placa": "plate", "targa": "plate",
	"subtitulos": "subtitles", "untertitel": "subtitles", "legendas": "subtitles", "sottotitoli": "subtitles",
	"entrega": "delivery", "livraison": "delivery", "consegna": "delivery", "zustellung": "delivery",
	// Addresses, codes, displays and verdicts, Dutch and Italian too.
	"ongeldig": "invalid", "ongeldige": "invalid", "afgewezen": "rejected", "geweigerd": "rejected", "fout": "error", "fouten": "errors", "storing": "outage", "traag": "slow", "betaling": "payment", "betalingen": "payments", "bestelling": "order", "klanten": "customers", "adres": "address", "dubbel": "duplicate", "vertraagd": "delayed", "kapot": "broken", "errore": "error", "errori": "errors", "guasto": "outage", "pagamenti": "payments", "ordine": "order", "ordini": "orders", "rifiutata": "rejected", "indirizzo": "address", "clienti": "customers", "schermo": "screen", "codice": "code", "codici": "codes", "tabellone": "display", "morada": "address", "endereco": "address", "andar": "floor", "devolvida": "returned", "devolvido": "returned", "encomenda": "order", "encomendas": "orders", "codigo": "code", "direccion": "address", "piso": "floor", "devuelto": "returned", "devuelta": "returned", "codigos": "codes", "adresse": "address", "etage": "floor", "ungultig": "invalid", "ungultige": "invalid", "zuruckgeschickt": "returned", "anzeige": "display", "renvoye": "returned", "invalide": "invalid", "refuse": "rejected", "affichage": "display", "code": "code",
}

var (
	conceptOfTerm = map[string]string{}
	// conceptPhraseList is conceptPhrases in a fixed order, longest first.
	conceptPhraseList []struct{ phrase, concept string }
)

func init() {
	for c, ws := range conceptWords {
		for _, w := range strings.Fields(ws) {
			for _, t := range terms(w) {
				conceptOfTerm[t] = c
			}
		}
	}
	for c, ps := range conceptPhrases {
		for _, p := range ps {
			conceptPhraseList = append(conceptPhraseList, struct{ phrase, concept string }{p, c})
		}
	}
	sort.Slice(conceptPhraseList, func(i, j int) bool {
		a, b := conceptPhraseList[i], conceptPhraseList[j]
		if len(a.phrase) != len(b.phrase) {
			return len(a.phrase) > len(b.phrase)
		}
		return a.phrase < b.phrase
	})
}

var accentFold = strings.NewReplacer(
	"ä", "a", "ö", "o", "ü", "u", "ß", "ss", "Ä", "A", "Ö", "O", "Ü", "U",
	"á", "a", "à", "a", "â", "a", "ã", "a", "é", "e", "è", "e", "ê", "e", "ë", "e", "í", "i", "î", "i", "ï", "i",
	"ó", "o", "ô", "o", "õ", "o", "ú", "u", "ù", "u", "û", "u", "ç", "c", "ñ", "n", "œ", "oe",
	"Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ç", "C", "Ñ", "N",
)

// normalizeForeign folds accents and replaces the foreign words it knows
// by their English equivalents, so the rest of the matcher reads English.
func normalizeForeign(s string) string {
	s = accentFold.Replace(s)
	if !strings.ContainsFunc(s, func(r rune) bool { return r > 127 }) && !hasForeignWord(s) {
		return s
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') })
	var b strings.Builder
	b.WriteString(s)
	for _, w := range words {
		if en, ok := foreignWords[strings.ToLower(w)]; ok {
			b.WriteString(" ")
			b.WriteString(en)
		}
	}
	return b.String()
}

// translations are the English words for the foreign words of s, in
// order, each once.
func translations(s string) string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(accentFold.Replace(s)), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if en, ok := foreignWords[w]; ok && en != w && !seen[en] {
			seen[en] = true
			out = append(out, en)
		}
	}
	return strings.Join(out, " ")
}

func hasForeignWord(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if en, ok := foreignWords[w]; ok && en != w {
			return true
		}
	}
	return false
}

// meaningTerms are the terms of s (foreign words read as English) plus
// the concepts its words and phrases name.
func meaningTerms(s string) []string {
	s = normalizeForeign(s)
	ts := terms(s)
	out := make([]string, 0, len(ts)+4)
	out = append(out, ts...)
	for _, t := range ts {
		if c, ok := conceptOfTerm[t]; ok {
			out = append(out, c)
		}
	}
	low := strings.ReplaceAll(strings.ToLower(s), "’", "'")
	for _, p := range conceptPhraseList {
		if containsAtWordStart(low, p.phrase) {
			out = append(out, p.concept)
		}
	}
	return out
}

// containsAtWordStart reports whether phrase occurs in s starting at a word
// ("pendente" is not in "dependente"); it may end inside one, so a stem
// ("desactualizad") matches its endings.
func containsAtWordStart(s, phrase string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		at := i + j
		if at == 0 || !isPhraseWordByte(s[at-1]) {
			return true
		}
		i = at + 1
	}
}

func isPhraseWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// addMeaning adds the terms and concepts of text at weight.
func (w weightedTerms) addMeaning(text string, weight float64) {
	for _, t := range meaningTerms(text) {
		if weight > w[t] {
			w[t] = weight
		}
	}
}

// meaningSet is the set of terms and concepts of the texts.
func meaningSet(texts ...string) map[string]bool {
	m := map[string]bool{}
	for _, s := range texts {
		for _, t := range meaningTerms(s) {
			m[t] = true
		}
	}
	return m
}

// mechanisms are the mechanism concepts in a term set, sorted.
func mechanisms(have map[string]bool) []string {
	var out []string
	for t := range have {
		if mechanismConcepts[t] {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

func isConcept(t string) bool { return strings.HasPrefix(t, conceptMark) }

// conceptNames is a list of concepts for a reason, without their marks.
func conceptNames(cs []string) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = strings.TrimPrefix(c, conceptMark)
	}
	return strings.Join(out, ", ")
}

// titleCoverage is how much of an issue's title the signal's meaning
// covers: the count of its words found (as such or as their concept) and
// their share of the title's weight. The title names the problem, so an
// issue whose title the signal mostly lacks is another problem that shares
// some effects.
func titleCoverage(title string, sigHave, serviceTerms map[string]bool, weight func(string) float64) (hits int, cov float64) {
	seen := map[string]bool{}
	all, have := 0.0, 0.0
	for _, t := range terms(normalizeForeign(title)) {
		if seen[t] || serviceTerms[t] {
			continue
		}
		seen[t] = true
		w := weight(t)
		all += w
		c, ok := conceptOfTerm[t]
		if sigHave[t] || ok && sigHave[c] {
			have += w
			hits++
		}
	}
	if all == 0 {
		return 0, 0
	}
	return hits, have / all
}

// titleFactorOf scales a score by title coverage: a title covered for
// at least kiTitleFull of its weight counts fully, one not covered at all
// keeps a quarter.
func titleFactorOf(hits int, cov float64) float64 {
	if hits == 0 {
		return 0.25
	}
	return 0.25 + 0.75*min(1, cov/kiTitleFull)
}

// kiTitleFull is the share of a title's weight that counts as naming the
// same problem (calibrated on the package's own cases).
const kiTitleFull = 0.6

// mechanismFit compares the mechanisms an issue names with those the
// signal and telemetry show: disjoint sets mean a different problem with
// the same effects (x kiMechanismConflict); a shared one is said.
func mechanismFit(ki KnownIssue, sigMech []string, withTelemetry bool) (float64, string) {
	kiMech := mechanisms(meaningSet(ki.Title, ki.Symptoms))
	if len(kiMech) == 0 || len(sigMech) == 0 {
		return 1, ""
	}
	var shared []string
	for _, m := range kiMech {
		for _, s := range sigMech {
			if m == s {
				shared = append(shared, m)
			}
		}
	}
	if len(shared) > 0 {
		return kiMechanismAgrees, fmt.Sprintf("same mechanism: %s (score x%.1f)", conceptNames(shared), kiMechanismAgrees)
	}
	src := "the signal"
	if withTelemetry {
		src = "the signal and telemetry"
	}
	return kiMechanismConflict, "the issue's mechanism (" + conceptNames(kiMech) + ") is not what " + src + " show (" +
		conceptNames(sigMech) + "): a different problem with similar effects (score x0.3)"
}

const (
	kiMechanismConflict = 0.3
	kiMechanismAgrees   = 1.3
)

// literalConcepts are the concepts of which the issue and the signal share
// a word: counting the concept too would count one match twice.
func literalConcepts(issue, sig weightedTerms) map[string]bool {
	m := map[string]bool{}
	for t := range issue {
		if c, ok := conceptOfTerm[t]; ok {
			if _, shared := sig[t]; shared {
				m[c] = true
			}
		}
	}
	return m
}

// Cognates: two terms of at least cognateLen letters that share their
// first cognateLen letters are taken to be one word in two languages, at
// kiCognate of the signal term's weight.
const (
	cognateLen = 6
	kiCognate  = 0.6
)

// cognates are the issue terms the signal lacks but has a cognate of, with
// the weight they get.
func cognates(sig weightedTerms, docs []weightedTerms) map[string]float64 {
	byPrefix := map[string]float64{}
	for t, w := range sig {
		if len(t) >= cognateLen && !isConcept(t) && isLetters(t) {
			p := t[:cognateLen]
			byPrefix[p] = max(byPrefix[p], w)
		}
	}
	out := map[string]float64{}
	for _, d := range docs {
		for t := range d {
			if _, ok := sig[t]; ok || len(t) < cognateLen || !isLetters(t) {
				continue
			}
			if w, ok := byPrefix[t[:cognateLen]]; ok {
				out[t] = w * kiCognate
			}
		}
	}
	return out
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}
