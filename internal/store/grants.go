package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/warroom/warroom/internal/vault"
)

// Grants are the built-in vault's sealed provider grants (vault.Grant),
// one per engineer and provider.

// PutGrant stores or replaces a grant.
func (q q) PutGrant(ctx context.Context, g vault.Grant) error {
	if g.Engineer == "" || g.Provider == "" || g.KeyID == "" || len(g.Nonce) == 0 || len(g.Ciphertext) == 0 {
		return fmt.Errorf("store grant: engineer, provider, key id, nonce and ciphertext are required")
	}
	at := now()
	if g.CreatedAt.IsZero() {
		g.CreatedAt = at
	}
	_, err := q.db.exec(ctx, `INSERT INTO grants (engineer, provider, key_id, nonce, ciphertext, scopes, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (engineer, provider) DO UPDATE SET key_id = excluded.key_id, nonce = excluded.nonce,
			ciphertext = excluded.ciphertext, scopes = excluded.scopes, updated_at = excluded.updated_at`,
		g.Engineer, g.Provider, g.KeyID, g.Nonce, g.Ciphertext, strings.Join(g.Scopes, " "), g.CreatedAt.UTC(), at)
	if err != nil {
		return fmt.Errorf("store grant of %s at %s: %w", g.Engineer, g.Provider, err)
	}
	return nil
}

func scanGrant(r row) (vault.Grant, error) {
	var g vault.Grant
	var scopes string
	err := r.Scan(&g.Engineer, &g.Provider, &g.KeyID, &g.Nonce, &g.Ciphertext, &scopes, &g.CreatedAt, &g.UpdatedAt)
	g.Scopes, g.CreatedAt, g.UpdatedAt = strings.Fields(scopes), g.CreatedAt.UTC(), g.UpdatedAt.UTC()
	return g, err
}

const grantCols = `engineer, provider, key_id, nonce, ciphertext, scopes, created_at, updated_at`

// GetGrant loads one grant; ErrNotFound when the engineer never connected.
func (q q) GetGrant(ctx context.Context, engineer, provider string) (vault.Grant, error) {
	g, err := scanGrant(q.db.queryRow(ctx, `SELECT `+grantCols+` FROM grants WHERE engineer = $1 AND provider = $2`, engineer, provider))
	if err != nil {
		return g, fmt.Errorf("grant of %s at %s: %w", engineer, provider, err)
	}
	return g, nil
}

// DeleteGrant removes a grant (revocation); deleting a missing one is not an error.
func (q q) DeleteGrant(ctx context.Context, engineer, provider string) error {
	if _, err := q.db.exec(ctx, `DELETE FROM grants WHERE engineer = $1 AND provider = $2`, engineer, provider); err != nil {
		return fmt.Errorf("delete grant of %s at %s: %w", engineer, provider, err)
	}
	return nil
}

// GrantsOf returns one engineer's grants (the consent page), from the key.
func (q q) GrantsOf(ctx context.Context, engineer string) ([]vault.Grant, error) {
	out, err := queryAll(ctx, q.db, scanGrant, `SELECT `+grantCols+` FROM grants WHERE engineer = $1 ORDER BY provider`, engineer)
	if err != nil {
		return nil, fmt.Errorf("list grants of %s: %w", engineer, err)
	}
	return out, nil
}

// ListGrants returns every grant (for key rotation).
func (q q) ListGrants(ctx context.Context) ([]vault.Grant, error) {
	out, err := queryAll(ctx, q.db, scanGrant, `SELECT `+grantCols+` FROM grants ORDER BY engineer, provider`)
	if err != nil {
		return nil, fmt.Errorf("list grants: %w", err)
	}
	return out, nil
}
