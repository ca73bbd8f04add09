package authz

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	grpcruntime "github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	openfgav1 "github.com/openfga/api/proto/openfga/v1"
	httpmiddleware "github.com/openfga/openfga/pkg/middleware/http"
	"github.com/openfga/openfga/pkg/server"
	serverErrors "github.com/openfga/openfga/pkg/server/errors"
	"github.com/openfga/openfga/pkg/storage"
	"github.com/openfga/openfga/pkg/storage/memory"
	"github.com/openfga/openfga/pkg/storage/migrate"
	"github.com/openfga/openfga/pkg/storage/postgres"
	"github.com/openfga/openfga/pkg/storage/sqlcommon"
	"github.com/openfga/openfga/pkg/storage/sqlite"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// Datastore engines understood by NewEmbedded.
const (
	EngineMemory   = "memory"
	EngineSQLite   = "sqlite"
	EnginePostgres = "postgres"
)

// EmbeddedOptions configures the in-process OpenFGA server.
type EmbeddedOptions struct {
	// Engine is EngineMemory (default), EngineSQLite or EnginePostgres.
	Engine string
	// URI is the datastore location for sqlite ("file:/var/lib/warroom/fga.db",
	// a plain path, or "sqlite:/path") and postgres ("postgres://…"). OpenFGA's
	// own schema migrations are applied to it on start. Give OpenFGA its own
	// SQLite file or PostgreSQL database: its migrations use goose's default
	// version table, as WarRoom's store may.
	URI string
	// StoreName names the OpenFGA store (default "warroom"). On a persistent
	// engine an existing store with this name is reused.
	StoreName string
}

// Embedded is an OpenFGA server running in-process; it implements Authorizer
// by calling the server's Go methods directly (no network, no gRPC).
type Embedded struct {
	srv     *server.Server
	storeID string
	modelID string
}

var _ Authorizer = (*Embedded)(nil)

// NewEmbedded starts the server on the chosen datastore, finds or creates the
// store and makes ModelDSL its latest authorization model (a new model is
// written only when it differs from the latest one).
func NewEmbedded(ctx context.Context, opts EmbeddedOptions) (*Embedded, error) {
	if opts.StoreName == "" {
		opts.StoreName = "warroom"
	}
	model, err := Model()
	if err != nil {
		return nil, err
	}
	ds, serverOpts, err := openDatastore(opts)
	if err != nil {
		return nil, err
	}
	srv, err := server.NewServerWithOpts(append(serverOpts, server.WithDatastore(ds))...)
	if err != nil {
		ds.Close()
		return nil, fmt.Errorf("authz: start embedded openfga: %w", err)
	}
	e := &Embedded{srv: srv}
	if err := e.init(ctx, opts.StoreName, model); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

func openDatastore(opts EmbeddedOptions) (storage.OpenFGADatastore, []server.OpenFGAServiceV1Option, error) {
	engine := opts.Engine
	if engine == "" {
		engine = EngineMemory
	}
	cfg := sqlcommon.NewConfig()
	sqlOpts := []server.OpenFGAServiceV1Option{
		server.WithContinuationTokenSerializer(sqlcommon.NewSQLContinuationTokenSerializer()),
	}
	switch engine {
	case EngineMemory:
		return memory.New(), nil, nil
	case EngineSQLite:
		uri := strings.TrimPrefix(opts.URI, "sqlite:")
		if uri == "" {
			return nil, nil, errors.New("authz: sqlite engine needs a URI")
		}
		if err := runMigrations(engine, uri); err != nil {
			return nil, nil, err
		}
		ds, err := sqlite.New(uri, cfg)
		if err != nil {
			return nil, nil, fmt.Errorf("authz: open sqlite datastore: %w", err)
		}
		return ds, sqlOpts, nil
	case EnginePostgres:
		if opts.URI == "" {
			return nil, nil, errors.New("authz: postgres engine needs a URI")
		}
		if err := runMigrations(engine, opts.URI); err != nil {
			return nil, nil, err
		}
		ds, err := postgres.New(opts.URI, cfg)
		if err != nil {
			return nil, nil, fmt.Errorf("authz: open postgres datastore: %w", err)
		}
		return ds, sqlOpts, nil
	default:
		return nil, nil, fmt.Errorf("authz: unknown datastore engine %q", engine)
	}
}

func runMigrations(engine, uri string) error {
	err := migrate.RunMigrations(migrate.MigrationConfig{
		Engine:      engine,
		URI:         uri,
		Timeout:     30 * time.Second,
		PingTimeout: 5 * time.Second,
	})
	if err != nil {
		return fmt.Errorf("authz: migrate %s datastore: %w", engine, err)
	}
	return nil
}

func (e *Embedded) init(ctx context.Context, name string, model *openfgav1.AuthorizationModel) error {
	// Find the store by name (persistent engines), else create it.
	var token string
	for e.storeID == "" {
		resp, err := e.srv.ListStores(ctx, &openfgav1.ListStoresRequest{
			PageSize: wrapperspb.Int32(100), ContinuationToken: token, Name: name,
		})
		if err != nil {
			return fmt.Errorf("authz: list stores: %w", err)
		}
		for _, s := range resp.GetStores() {
			if s.GetName() == name {
				e.storeID = s.GetId()
				break
			}
		}
		if token = resp.GetContinuationToken(); token == "" {
			break
		}
	}
	if e.storeID == "" {
		resp, err := e.srv.CreateStore(ctx, &openfgav1.CreateStoreRequest{Name: name})
		if err != nil {
			return fmt.Errorf("authz: create store: %w", err)
		}
		e.storeID = resp.GetId()
	}

	// Reuse the latest model when it is ours already.
	latest, err := e.srv.ReadAuthorizationModels(ctx, &openfgav1.ReadAuthorizationModelsRequest{
		StoreId: e.storeID, PageSize: wrapperspb.Int32(1),
	})
	if err != nil {
		return fmt.Errorf("authz: read authorization models: %w", err)
	}
	if ms := latest.GetAuthorizationModels(); len(ms) > 0 && sameModel(ms[0], model) {
		e.modelID = ms[0].GetId()
		return nil
	}
	resp, err := e.srv.WriteAuthorizationModel(ctx, &openfgav1.WriteAuthorizationModelRequest{
		StoreId:         e.storeID,
		SchemaVersion:   model.GetSchemaVersion(),
		TypeDefinitions: model.GetTypeDefinitions(),
		Conditions:      model.GetConditions(),
	})
	if err != nil {
		return fmt.Errorf("authz: write authorization model: %w", err)
	}
	e.modelID = resp.GetAuthorizationModelId()
	return nil
}

func sameModel(a, b *openfgav1.AuthorizationModel) bool {
	x := &openfgav1.AuthorizationModel{SchemaVersion: a.GetSchemaVersion(), TypeDefinitions: a.GetTypeDefinitions(), Conditions: a.GetConditions()}
	y := &openfgav1.AuthorizationModel{SchemaVersion: b.GetSchemaVersion(), TypeDefinitions: b.GetTypeDefinitions(), Conditions: b.GetConditions()}
	return proto.Equal(x, y)
}

// StoreID is the OpenFGA store in use.
func (e *Embedded) StoreID() string { return e.storeID }

// ModelID is the authorization model every call is pinned to.
func (e *Embedded) ModelID() string { return e.modelID }

// Server is the underlying OpenFGA server, for the rest of its API.
func (e *Embedded) Server() *server.Server { return e.srv }

// Check implements Authorizer.
func (e *Embedded) Check(ctx context.Context, user, relation, object string) (bool, error) {
	return e.CheckWith(ctx, user, relation, object, nil)
}

// CheckWith implements Authorizer.
func (e *Embedded) CheckWith(ctx context.Context, user, relation, object string, contextual []Tuple) (bool, error) {
	req := &openfgav1.CheckRequest{
		StoreId:              e.storeID,
		AuthorizationModelId: e.modelID,
		TupleKey:             &openfgav1.CheckRequestTupleKey{User: user, Relation: relation, Object: object},
	}
	if contextual = dedup(contextual); len(contextual) > 0 {
		req.ContextualTuples = &openfgav1.ContextualTupleKeys{}
		for _, t := range contextual {
			req.ContextualTuples.TupleKeys = append(req.ContextualTuples.TupleKeys,
				&openfgav1.TupleKey{User: t.User, Relation: t.Relation, Object: t.Object})
		}
	}
	resp, err := e.srv.Check(ctx, req)
	if err != nil {
		return false, fmt.Errorf("authz: check %s#%s@%s: %w", object, relation, user, err)
	}
	return resp.GetAllowed(), nil
}

// Write implements Authorizer: one transaction, existing writes and missing
// deletes ignored (OpenFGA on_duplicate/on_missing "ignore").
func (e *Embedded) Write(ctx context.Context, writes, deletes []Tuple) error {
	writes, deletes = dedup(writes), dedup(deletes)
	if len(writes) == 0 && len(deletes) == 0 {
		return nil
	}
	req := &openfgav1.WriteRequest{StoreId: e.storeID, AuthorizationModelId: e.modelID}
	if len(writes) > 0 {
		req.Writes = &openfgav1.WriteRequestWrites{OnDuplicate: "ignore"}
		for _, t := range writes {
			req.Writes.TupleKeys = append(req.Writes.TupleKeys,
				&openfgav1.TupleKey{User: t.User, Relation: t.Relation, Object: t.Object})
		}
	}
	if len(deletes) > 0 {
		req.Deletes = &openfgav1.WriteRequestDeletes{OnMissing: "ignore"}
		for _, t := range deletes {
			req.Deletes.TupleKeys = append(req.Deletes.TupleKeys,
				&openfgav1.TupleKeyWithoutCondition{User: t.User, Relation: t.Relation, Object: t.Object})
		}
	}
	if _, err := e.srv.Write(ctx, req); err != nil {
		return fmt.Errorf("authz: write tuples: %w", err)
	}
	return nil
}

// Read implements Authorizer.
func (e *Embedded) Read(ctx context.Context, object string) ([]Tuple, error) {
	var out []Tuple
	token := ""
	for {
		req := &openfgav1.ReadRequest{StoreId: e.storeID, PageSize: wrapperspb.Int32(100), ContinuationToken: token}
		if object != "" {
			req.TupleKey = &openfgav1.ReadRequestTupleKey{Object: object}
		}
		resp, err := e.srv.Read(ctx, req)
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

// HTTPHandler serves the OpenFGA HTTP API (the same routes and JSON error
// bodies as an OpenFGA server: /stores/{id}/check, /write, /read, …) backed by
// this embedded server, without authentication: wrap it before exposing it.
func (e *Embedded) HTTPHandler(ctx context.Context) (http.Handler, error) {
	mux := grpcruntime.NewServeMux(
		grpcruntime.WithForwardResponseOption(httpmiddleware.HTTPResponseModifier),
		grpcruntime.WithErrorHandler(func(c context.Context, _ *grpcruntime.ServeMux, _ grpcruntime.Marshaler, w http.ResponseWriter, r *http.Request, err error) {
			code := serverErrors.ConvertToEncodedErrorCode(status.Convert(err))
			httpmiddleware.CustomHTTPErrorHandler(c, w, r, serverErrors.NewEncodedError(code, err.Error()))
		}),
	)
	if err := openfgav1.RegisterOpenFGAServiceHandlerServer(ctx, mux, e.srv); err != nil {
		return nil, fmt.Errorf("authz: openfga http gateway: %w", err)
	}
	return mux, nil
}

// Close stops the server and closes its datastore.
func (e *Embedded) Close() {
	e.srv.Close() // closes the datastore too
}
