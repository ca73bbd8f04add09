package store_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/warroom/warroom/internal/store"
	"github.com/warroom/warroom/internal/store/storetest"
	"github.com/warroom/warroom/internal/vault"
)

func TestGrants(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		st := storetest.Open(t, d)
		ctx := context.Background()
		g := vault.Grant{Engineer: "alice", Provider: "github", KeyID: "k1", Nonce: []byte{1, 2, 3}, Ciphertext: []byte{0, 255, 7}, Scopes: []string{"repo", "read:org"}}
		if err := st.PutGrant(ctx, g); err != nil {
			t.Fatal(err)
		}
		got, err := st.GetGrant(ctx, "alice", "github")
		if err != nil || got.KeyID != "k1" || !bytes.Equal(got.Ciphertext, g.Ciphertext) || !bytes.Equal(got.Nonce, g.Nonce) || len(got.Scopes) != 2 {
			t.Fatalf("round trip: %+v %v", got, err)
		}
		g.KeyID, g.Ciphertext = "k2", []byte{9}
		if err := st.PutGrant(ctx, g); err != nil {
			t.Fatal(err)
		}
		if got, _ := st.GetGrant(ctx, "alice", "github"); got.KeyID != "k2" || !got.CreatedAt.Before(got.UpdatedAt.Add(1)) {
			t.Fatalf("replace: %+v", got)
		}
		if all, _ := st.ListGrants(ctx); len(all) != 1 {
			t.Fatalf("list: %+v", all)
		}
		if err := st.DeleteGrant(ctx, "alice", "github"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.GetGrant(ctx, "alice", "github"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("after delete: %v", err)
		}
		if err := st.PutGrant(ctx, vault.Grant{Engineer: "bob", Provider: "slack"}); err == nil {
			t.Fatal("a grant without ciphertext was stored")
		}
	})
}
