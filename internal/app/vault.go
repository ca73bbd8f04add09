package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/oauth2"

	"github.com/warroom/warroom/internal/action"
	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/engine"
	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/vault"
)

// Auth0SubjectProvider is the grant under which an engineer's Auth0 refresh
// token is sealed, for Token Vault exchanges when no session is at hand.
const Auth0SubjectProvider = "auth0"

// storeGrants keeps the vault's sealed grants in the database.
type storeGrants struct{ st *store.Store }

func (g storeGrants) PutGrant(ctx context.Context, v vault.Grant) error {
	return g.st.PutGrant(ctx, v)
}

func (g storeGrants) GetGrant(ctx context.Context, engineer, provider string) (vault.Grant, error) {
	s, err := g.st.GetGrant(ctx, engineer, provider)
	if errors.Is(err, store.ErrNotFound) {
		return vault.Grant{}, fmt.Errorf("%s has not connected %s: %w", engineer, provider, vault.ErrNotConnected)
	}
	return s, err
}

func (g storeGrants) DeleteGrant(ctx context.Context, engineer, provider string) error {
	return g.st.DeleteGrant(ctx, engineer, provider)
}

func (g storeGrants) ListGrants(ctx context.Context) ([]vault.Grant, error) {
	return g.st.ListGrants(ctx)
}

// keyring parses "id:key,id:key" (the first is current).
func keyring(spec string) (*vault.Keyring, error) {
	keys := map[string][]byte{}
	current := ""
	for _, part := range strings.Split(spec, ",") {
		id, raw, ok := strings.Cut(strings.TrimSpace(part), ":")
		if !ok || id == "" {
			return nil, errors.New("vault keys: want id:key[,id:key...]")
		}
		key, err := vault.DecodeKey(raw)
		if err != nil {
			return nil, fmt.Errorf("vault key %s: %w", id, err)
		}
		keys[id] = key
		if current == "" {
			current = id
		}
	}
	return vault.NewKeyring(current, keys)
}

// broker builds the configured credential broker; nil when none is configured.
// The built-in vault is returned separately for its connect flow and rotation.
func broker(cfg config.Config, st *store.Store) (vault.Broker, *vault.Builtin, error) {
	v := cfg.Vault
	if v.Kind == "" {
		return nil, nil, nil
	}
	keys, err := keyring(v.Keys)
	if err != nil {
		return nil, nil, err
	}
	grants := storeGrants{st}
	if v.Kind == "builtin" {
		providers := map[string]*oauth2.Config{}
		revoke := map[string]string{}
		for name, p := range v.Providers {
			providers[name] = &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, RedirectURL: p.RedirectURL,
				Scopes: p.Scopes, Endpoint: oauth2.Endpoint{AuthURL: p.AuthURL, TokenURL: p.TokenURL, AuthStyle: oauth2.AuthStyleInParams}}
			if p.RevokeURL != "" {
				revoke[name] = p.RevokeURL
			}
		}
		b, err := vault.NewBuiltin(vault.BuiltinOptions{Providers: providers, RevokeURLs: revoke, Grants: grants, Keys: keys})
		return b, b, err
	}
	// Auth0 Token Vault: the subject is the engineer's Auth0 refresh token,
	// sealed in the grants table when they signed in with offline access.
	subjects := vault.SubjectFunc(func(ctx context.Context, engineer string) (string, vault.SubjectKind, error) {
		g, err := grants.GetGrant(ctx, engineer, Auth0SubjectProvider)
		if err != nil {
			return "", vault.RefreshToken, err
		}
		plain, err := keys.OpenGrant(g)
		if err != nil {
			return "", vault.RefreshToken, fmt.Errorf("open the Auth0 grant of %s: %w", engineer, err)
		}
		return string(plain), vault.RefreshToken, nil
	})
	a, err := vault.NewAuth0(vault.Auth0Options{Domain: v.Auth0.Domain, BaseURL: v.Auth0.BaseURL, ClientID: v.Auth0.ClientID,
		ClientSecret: v.Auth0.ClientSecret, Connections: v.Auth0.Connections, Subjects: subjects})
	return a, nil, err
}

// credentials adapts a broker to the engine: a grant that needs the engineer
// to reconnect becomes the engine's re-authorization wait.
func credentials(b vault.Broker) engine.CredentialFunc {
	if b == nil {
		return nil
	}
	return func(ctx context.Context, engineer, provider string, scopes []string) (action.Secret, error) {
		tok, err := b.Token(ctx, engineer, provider, scopes)
		if vault.NeedsReauth(err) {
			return "", fmt.Errorf("%w: %w", action.ErrTokenExpired, err)
		}
		if err != nil {
			return "", err
		}
		return action.Secret(tok.AccessToken), nil
	}
}

// RotateVaultKey re-seals every grant under the current key, after which
// older keys can be removed from the configuration.
func RotateVaultKey(ctx context.Context, cfg config.Config) (int, error) {
	st, err := store.Open(ctx, cfg.DB)
	if err != nil {
		return 0, err
	}
	defer st.Close()
	if cfg.Vault.Kind == "" {
		return 0, errors.New("no vault is configured (vault.kind in the config file)")
	}
	keys, err := keyring(cfg.Vault.Keys)
	if err != nil {
		return 0, err
	}
	// Every grant, the built-in vault's and the sealed Auth0 subjects alike.
	list, err := st.ListGrants(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, g := range list {
		resealed, changed, err := keys.Reseal(g)
		if err != nil {
			return n, fmt.Errorf("open the grant of %s at %s: %w", g.Engineer, g.Provider, err)
		}
		if !changed {
			continue
		}
		if err := st.PutGrant(ctx, resealed); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// sealAuth0Subject keeps an engineer's Auth0 refresh token, sealed, as the
// subject for Token Vault exchanges made when no session is at hand.
func sealAuth0Subject(st *store.Store, cfg config.Config) (func(ctx context.Context, engineer, refreshToken string) error, error) {
	if cfg.Vault.Kind != "auth0" {
		return nil, nil
	}
	keys, err := keyring(cfg.Vault.Keys)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, engineer, refreshToken string) error {
		id, nonce, ct, err := keys.SealGrant(engineer, Auth0SubjectProvider, []byte(refreshToken))
		if err != nil {
			return err
		}
		return st.PutGrant(ctx, vault.Grant{Engineer: engineer, Provider: Auth0SubjectProvider, KeyID: id, Nonce: nonce, Ciphertext: ct})
	}, nil
}
