// Package storetest gives every test a fresh, migrated database on each
// engine: a SQLite file in a temporary directory, and a new PostgreSQL
// database created for the test and dropped after it.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/warroom/warroom/internal/store"
)

// Engines lists the engines every store test runs on.
var Engines = []store.Dialect{store.SQLite, store.Postgres}

// PostgresAdminURL is the server tests create their databases on.
func PostgresAdminURL() string {
	if u := os.Getenv("WARROOM_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// postgresRequired is true under CI or when asked: an unreachable server
// then fails the test instead of skipping it.
func postgresRequired() bool {
	return os.Getenv("CI") != "" || os.Getenv("WARROOM_REQUIRE_POSTGRES") == "1"
}

// DSN creates an empty database for t on engine d and returns its DSN; it is
// removed when the test ends. It does not migrate.
func DSN(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "warroom.db")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, PostgresAdminURL())
	if err != nil {
		if postgresRequired() {
			t.Fatalf("PostgreSQL is required but unreachable at %s: %v", redacted(PostgresAdminURL()), err)
		}
		t.Skipf("PostgreSQL unreachable (set CI=1 or WARROOM_REQUIRE_POSTGRES=1 to fail instead): %v", err)
	}
	defer admin.Close(ctx)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "warroom_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, PostgresAdminURL())
		if err != nil {
			t.Logf("drop test database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(PostgresAdminURL())
	if err != nil {
		t.Fatalf("parse WARROOM_TEST_POSTGRES_URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// Open returns a migrated store on engine d, closed when the test ends.
func Open(t testing.TB, d store.Dialect) *store.Store {
	t.Helper()
	return OpenDSN(t, DSN(t, d))
}

// OpenDSN opens and migrates dsn, closing it when the test ends.
func OpenDSN(t testing.TB, dsn string) *store.Store {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", st.Dialect(), err)
	}
	return st
}

func redacted(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparseable)"
	}
	return u.Redacted()
}

// Each runs fn as a subtest on every engine.
func Each(t *testing.T, fn func(t *testing.T, d store.Dialect)) {
	for _, d := range Engines {
		t.Run(string(d), func(t *testing.T) { fn(t, d) })
	}
}

// WaitForGrouping waits until no alert or report is waiting for grouping.
func WaitForGrouping(t testing.TB, st *store.Store, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		n, err := st.GroupingBacklog(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d alerts and reports still waiting for grouping after %s", n, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
