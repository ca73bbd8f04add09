package store

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/warroom/warroom/internal/store/migrations"
)

// MigrationStatus says whether WarRoom's and River's schemas are current.
type MigrationStatus struct {
	Version    int64 `json:"version"`
	Latest     int64 `json:"latest"`
	RiverReady bool  `json:"river_ready"`
}

// Current reports whether nothing is pending.
func (m MigrationStatus) Current() bool { return m.Version == m.Latest && m.RiverReady }

func (s *Store) goose() (*goose.Provider, error) {
	sub, err := fs.Sub(migrations.FS, string(s.dialect))
	if err != nil {
		return nil, fmt.Errorf("migrations for %s: %w", s.dialect, err)
	}
	var opts []goose.ProviderOption
	dialect := goose.DialectSQLite3
	if s.dialect == Postgres {
		dialect = goose.DialectPostgres
		// Several replicas may start together: one migrates, the others wait.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, fmt.Errorf("migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(dialect, s.sqlDB, sub, opts...)
}

// Migrate applies WarRoom's migrations, then River's.
func (s *Store) Migrate(ctx context.Context) error {
	p, err := s.goose()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate warroom schema: %w", err)
	}
	if err := s.riverMigrate(ctx); err != nil {
		return fmt.Errorf("migrate river schema: %w", err)
	}
	return nil
}

func (s *Store) riverMigrate(ctx context.Context) error {
	if s.dialect == Postgres {
		m, err := rivermigrate.New(riverpgxv5.New(s.pgPool), nil)
		if err != nil {
			return err
		}
		_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		return err
	}
	m, err := rivermigrate.New(riversqlite.New(s.sqlDB), nil)
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// MigrationStatus reads the applied and embedded versions.
func (s *Store) MigrationStatus(ctx context.Context) (MigrationStatus, error) {
	p, err := s.goose()
	if err != nil {
		return MigrationStatus{}, err
	}
	var st MigrationStatus
	if st.Version, err = p.GetDBVersion(ctx); err != nil {
		return st, fmt.Errorf("read schema version: %w", err)
	}
	if srcs := p.ListSources(); len(srcs) > 0 {
		st.Latest = srcs[len(srcs)-1].Version
	}
	var res *rivermigrate.ValidateResult
	if s.dialect == Postgres {
		m, err := rivermigrate.New(riverpgxv5.New(s.pgPool), nil)
		if err != nil {
			return st, err
		}
		res, err = m.Validate(ctx, nil)
		if err != nil {
			return st, fmt.Errorf("validate river schema: %w", err)
		}
	} else {
		m, err := rivermigrate.New(riversqlite.New(s.sqlDB), nil)
		if err != nil {
			return st, err
		}
		res, err = m.Validate(ctx, nil)
		if err != nil {
			return st, fmt.Errorf("validate river schema: %w", err)
		}
	}
	st.RiverReady = res.OK
	return st, nil
}
