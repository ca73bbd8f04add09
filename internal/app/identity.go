package app

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/warroom/warroom/internal/config"
	"github.com/warroom/warroom/internal/identity"
	"github.com/warroom/warroom/internal/web"
)

// jwtAuth authenticates API requests: a valid RS256 access token with the
// required scopes, whose subject is an engineer on the roster.
type jwtAuth struct {
	v    *identity.Validator
	team config.Team
}

func (a jwtAuth) Authenticate(r *http.Request, scopes ...string) (web.Principal, error) {
	raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || raw == "" {
		return web.Principal{}, web.ErrUnauthenticated
	}
	claims, err := a.v.Validate(r.Context(), raw)
	if err != nil {
		return web.Principal{}, fmt.Errorf("%w: %w", web.ErrUnauthenticated, err)
	}
	if !claims.HasScopes(scopes...) {
		return web.Principal{}, web.ErrInsufficientScope
	}
	viewer, err := identity.ResolveViewer(a.team, claims)
	if err != nil {
		return web.Principal{}, fmt.Errorf("%w: %w", web.ErrUnauthenticated, err)
	}
	return web.Principal{Engineer: viewer.Engineer, Scopes: claims.Scopes}, nil
}

// identityRoutes builds the API authenticator and the sign-in routes the
// auth section asks for (nil when it is empty), and the Login for flows
// that need a signed-in engineer. The callback is served at the path of
// auth.redirect_url, the URL registered with the provider.
func identityRoutes(ctx context.Context, cfg config.Config, onSignIn func(ctx context.Context, engineer, refreshToken string) error) (web.APIAuth, map[string]http.Handler, *identity.Login, error) {
	a := cfg.Auth
	if a.Issuer == "" {
		return nil, map[string]http.Handler{}, nil, nil
	}
	v, err := identity.NewValidator(ctx, identity.Options{Issuer: a.Issuer, Audience: a.Audience})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("auth: %w", err)
	}
	auth := jwtAuth{v: v, team: cfg.Team}
	if a.ClientID == "" {
		return auth, map[string]http.Handler{}, nil, nil
	}
	callback, err := config.CallbackPath(a.RedirectURL)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("auth.redirect_url: %w", err)
	}
	if strings.HasSuffix(callback, "/") {
		callback += "{$}" // the path itself, not the subtree under it
	}
	scopes := []string{"openid", "profile", "email"}
	if onSignIn != nil {
		scopes = append(scopes, "offline_access") // the refresh token is the background subject
	}
	login, err := identity.NewLogin(ctx, identity.LoginOptions{Issuer: a.Issuer, ClientID: a.ClientID, ClientSecret: a.ClientSecret,
		RedirectURL: a.RedirectURL, Scopes: scopes, CookieSecret: []byte(a.CookieSecret),
		Secure: a.SecureCookies, Team: cfg.Team, OnSignIn: onSignIn})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("auth: %w", err)
	}
	return auth, map[string]http.Handler{
		"GET /login":      login.LoginHandler(),
		"GET " + callback: login.CallbackHandler(),
		"POST /logout":    login.LogoutHandler(),
	}, login, nil
}
