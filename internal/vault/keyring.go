package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// KeySize is the AES-256 key length in bytes.
const KeySize = 32

// ErrDecrypt is returned by [Keyring.Open] when a ciphertext does not
// authenticate (wrong key, wrong grant, tampered data) or its key id is not
// in the keyring. Brokers report it as [ErrProvider].
var ErrDecrypt = errors.New("vault: decryption failed")

// Keyring holds the AES-256-GCM keys that encrypt stored grants, by key id.
// New data is sealed under the current key; any key in the ring can open.
// A Keyring is immutable and safe for concurrent use; to retire a key, build
// a new Keyring without it after [Builtin.Rotate] has moved every grant off it.
type Keyring struct {
	current string
	aeads   map[string]cipher.AEAD
}

// NewKeyring builds a keyring; keys maps key id -> 32-byte key and must
// contain current. The key bytes are copied.
func NewKeyring(current string, keys map[string][]byte) (*Keyring, error) {
	if current == "" {
		return nil, errors.New("vault: keyring: current key id is empty")
	}
	if _, ok := keys[current]; !ok {
		return nil, fmt.Errorf("vault: keyring: current key id %q is not in keys", current)
	}
	kr := &Keyring{current: current, aeads: make(map[string]cipher.AEAD, len(keys))}
	for id, k := range keys {
		if id == "" {
			return nil, errors.New("vault: keyring: empty key id")
		}
		if len(k) != KeySize {
			return nil, fmt.Errorf("vault: keyring: key %q is %d bytes, want %d", id, len(k), KeySize)
		}
		block, err := aes.NewCipher(append([]byte(nil), k...))
		if err != nil {
			return nil, fmt.Errorf("vault: keyring: key %q: %w", id, err)
		}
		aead, err := cipher.NewGCM(block)
		if err != nil {
			return nil, fmt.Errorf("vault: keyring: key %q: %w", id, err)
		}
		kr.aeads[id] = aead
	}
	return kr, nil
}

// Current returns the id of the key new data is sealed under.
func (k *Keyring) Current() string { return k.current }

// KeyIDs returns the ids of all keys in the ring, sorted.
func (k *Keyring) KeyIDs() []string {
	ids := make([]string, 0, len(k.aeads))
	for id := range k.aeads {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Seal encrypts plaintext under the current key with a fresh random nonce,
// binding it to additionalData.
func (k *Keyring) Seal(plaintext, additionalData []byte) (keyID string, nonce, ciphertext []byte, err error) {
	aead := k.aeads[k.current]
	nonce = make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", nil, nil, fmt.Errorf("vault: keyring: nonce: %w", err)
	}
	return k.current, nonce, aead.Seal(nil, nonce, plaintext, additionalData), nil
}

// Open decrypts ciphertext sealed under keyID with additionalData. Any
// failure is [ErrDecrypt] (with the key id, never key or data).
func (k *Keyring) Open(keyID string, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	aead, ok := k.aeads[keyID]
	if !ok {
		return nil, fmt.Errorf("%w: unknown key id %q", ErrDecrypt, keyID)
	}
	if len(nonce) != aead.NonceSize() {
		return nil, fmt.Errorf("%w: bad nonce length", ErrDecrypt)
	}
	pt, err := aead.Open(nil, nonce, ciphertext, additionalData)
	if err != nil {
		return nil, fmt.Errorf("%w: key id %q: message authentication failed", ErrDecrypt, keyID)
	}
	return pt, nil
}

// GenerateKey returns a new random 32-byte key.
func GenerateKey() ([]byte, error) {
	k := make([]byte, KeySize)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	return k, nil
}

// DecodeKey parses a 32-byte key written as 64 hex digits or as standard or
// URL-safe base64 (padded or not), as found in configuration.
func DecodeKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) == 2*KeySize {
		if b, err := hex.DecodeString(s); err == nil {
			return b, nil
		}
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil && len(b) == KeySize {
			return b, nil
		}
	}
	return nil, fmt.Errorf("vault: key is not %d bytes of hex or base64", KeySize)
}

// grantAD is the additional data that binds a ciphertext to its grant.
func grantAD(engineer, provider string) []byte {
	return []byte(engineer + "\x00" + provider)
}

// SealGrant seals secret as engineer's grant at provider: the grant is bound
// in as additional data, so its ciphertext opens for no other grant.
func (k *Keyring) SealGrant(engineer, provider string, secret []byte) (keyID string, nonce, ciphertext []byte, err error) {
	return k.Seal(secret, grantAD(engineer, provider))
}

// OpenGrant opens a grant sealed with SealGrant.
func (k *Keyring) OpenGrant(g Grant) ([]byte, error) {
	return k.Open(g.KeyID, g.Nonce, g.Ciphertext, grantAD(g.Engineer, g.Provider))
}

// Reseal returns g sealed under the current key; changed is false when it
// already was. Rotation, in the vault and from the command line, is this.
func (k *Keyring) Reseal(g Grant) (out Grant, changed bool, err error) {
	if g.KeyID == k.Current() {
		return g, false, nil
	}
	pt, err := k.OpenGrant(g)
	if err != nil {
		return g, false, err
	}
	if g.KeyID, g.Nonce, g.Ciphertext, err = k.SealGrant(g.Engineer, g.Provider, pt); err != nil {
		return g, false, err
	}
	return g, true, nil
}
