package authz

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	fgasdk "github.com/openfga/go-sdk"
	"github.com/openfga/go-sdk/client"
	"github.com/openfga/go-sdk/credentials"
)

// RemoteOptions configures a client of an OpenFGA server or Auth0 FGA.
type RemoteOptions struct {
	// APIURL is the API base URL with scheme, e.g. "https://api.us1.fga.dev"
	// or "http://127.0.0.1:8080".
	APIURL string
	// StoreID is required. ModelID pins the authorization model (a ULID);
	// empty means the store's latest model.
	StoreID string
	ModelID string

	// Auth0 FGA client credentials: a token is fetched from
	// POST {TokenIssuer}/oauth/token (grant_type=client_credentials) and sent
	// as a bearer token. TokenIssuer defaults to "auth.fga.dev" and may be a
	// bare host or a URL; Audience defaults to APIURL with a trailing slash.
	ClientID, ClientSecret, TokenIssuer, Audience string

	// APIToken is a static bearer token (OpenFGA preshared key); used when no
	// ClientID is set. With neither, requests carry no Authorization header.
	APIToken string

	// HTTPClient, if set, carries the API requests.
	HTTPClient *http.Client
}

// Remote implements Authorizer with the OpenFGA Go SDK.
type Remote struct {
	c       *client.OpenFgaClient
	modelID string
}

var _ Authorizer = (*Remote)(nil)

// NewRemote builds the SDK client. It makes no request: a wrong URL or
// credential shows on the first call.
func NewRemote(_ context.Context, opts RemoteOptions) (*Remote, error) {
	if opts.APIURL == "" || opts.StoreID == "" {
		return nil, errors.New("authz: remote needs APIURL and StoreID")
	}
	creds := &credentials.Credentials{Method: credentials.CredentialsMethodNone}
	switch {
	case opts.ClientID != "":
		issuer := opts.TokenIssuer
		if issuer == "" {
			issuer = "auth.fga.dev"
		}
		audience := opts.Audience
		if audience == "" {
			audience = strings.TrimSuffix(opts.APIURL, "/") + "/"
		}
		creds = &credentials.Credentials{
			Method: credentials.CredentialsMethodClientCredentials,
			Config: &credentials.Config{
				ClientCredentialsApiTokenIssuer: issuer,
				ClientCredentialsApiAudience:    audience,
				ClientCredentialsClientId:       opts.ClientID,
				ClientCredentialsClientSecret:   opts.ClientSecret,
			},
		}
	case opts.APIToken != "":
		creds = &credentials.Credentials{
			Method: credentials.CredentialsMethodApiToken,
			Config: &credentials.Config{ApiToken: opts.APIToken},
		}
	}
	c, err := client.NewSdkClient(&client.ClientConfiguration{
		ApiUrl:               strings.TrimSuffix(opts.APIURL, "/"),
		StoreId:              opts.StoreID,
		AuthorizationModelId: opts.ModelID,
		Credentials:          creds,
		HTTPClient:           opts.HTTPClient,
	})
	if err != nil {
		return nil, fmt.Errorf("authz: openfga client: %w", err)
	}
	return &Remote{c: c, modelID: opts.ModelID}, nil
}

// Check implements Authorizer.
func (r *Remote) Check(ctx context.Context, user, relation, object string) (bool, error) {
	return r.CheckWith(ctx, user, relation, object, nil)
}

// CheckWith implements Authorizer.
func (r *Remote) CheckWith(ctx context.Context, user, relation, object string, contextual []Tuple) (bool, error) {
	body := client.ClientCheckRequest{User: user, Relation: relation, Object: object}
	for _, t := range dedup(contextual) {
		body.ContextualTuples = append(body.ContextualTuples, client.ClientContextualTupleKey{User: t.User, Relation: t.Relation, Object: t.Object})
	}
	resp, err := r.c.Check(ctx).Body(body).Execute()
	if err != nil {
		return false, fmt.Errorf("authz: check %s#%s@%s: %w", object, relation, user, err)
	}
	return resp.GetAllowed(), nil
}

// Write implements Authorizer. The SDK has no on_duplicate/on_missing
// option, so Write first tries the transaction as is and, if the server
// rejects it as invalid (e.g. a tuple already exists), drops the writes that
// exist and the deletes that don't, and tries once more.
func (r *Remote) Write(ctx context.Context, writes, deletes []Tuple) error {
	writes, deletes = dedup(writes), dedup(deletes)
	err := r.write(ctx, writes, deletes)
	var verr fgasdk.FgaApiValidationError
	if err == nil || !errors.As(err, &verr) {
		return wrapWrite(err)
	}
	var w2, d2 []Tuple
	for _, t := range writes {
		ok, err := r.exists(ctx, t)
		if err != nil {
			return wrapWrite(err)
		}
		if !ok {
			w2 = append(w2, t)
		}
	}
	for _, t := range deletes {
		ok, err := r.exists(ctx, t)
		if err != nil {
			return wrapWrite(err)
		}
		if ok {
			d2 = append(d2, t)
		}
	}
	return wrapWrite(r.write(ctx, w2, d2))
}

func wrapWrite(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("authz: write tuples: %w", err)
}

func (r *Remote) write(ctx context.Context, writes, deletes []Tuple) error {
	if len(writes) == 0 && len(deletes) == 0 {
		return nil
	}
	body := client.ClientWriteRequest{}
	for _, t := range writes {
		body.Writes = append(body.Writes, client.ClientTupleKey{User: t.User, Relation: t.Relation, Object: t.Object})
	}
	for _, t := range deletes {
		body.Deletes = append(body.Deletes, client.ClientTupleKeyWithoutCondition{User: t.User, Relation: t.Relation, Object: t.Object})
	}
	_, err := r.c.Write(ctx).Body(body).Execute()
	return err
}

func (r *Remote) exists(ctx context.Context, t Tuple) (bool, error) {
	resp, err := r.c.Read(ctx).Body(client.ClientReadRequest{User: &t.User, Relation: &t.Relation, Object: &t.Object}).Execute()
	if err != nil {
		return false, err
	}
	return len(resp.GetTuples()) > 0, nil
}

// Read implements Authorizer.
func (r *Remote) Read(ctx context.Context, object string) ([]Tuple, error) {
	var out []Tuple
	token := ""
	pageSize := int32(100)
	for {
		body := client.ClientReadRequest{}
		if object != "" {
			body.Object = &object
		}
		opts := client.ClientReadOptions{PageSize: &pageSize}
		if token != "" {
			opts.ContinuationToken = &token
		}
		resp, err := r.c.Read(ctx).Body(body).Options(opts).Execute()
		if err != nil {
			return nil, fmt.Errorf("authz: read %s: %w", object, err)
		}
		for _, t := range resp.GetTuples() {
			k := t.GetKey()
			out = append(out, Tuple{User: k.GetUser(), Relation: k.GetRelation(), Object: k.GetObject()})
		}
		if token = resp.GetContinuationToken(); token == "" {
			return out, nil
		}
	}
}
