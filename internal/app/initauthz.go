package app

import (
	"context"
	"fmt"
)

// initAuthz starts the authorization store (OpenFGA) named by the authz
// section, if any, the visibility policy the API and the dashboard ask,
// the step-up gate, and the vault approvers' tokens come from.
func (a *App) initAuthz(ctx context.Context) error {
	az, closeAuthz, err := authorizer(ctx, a.cfg)
	if err != nil {
		return err
	}
	a.closers = append(a.closers, closeAuthz)
	a.authz = az
	policy, closeAccess, err := accessPolicy(ctx, a.cfg, az)
	if err != nil {
		return err
	}
	a.closers = append(a.closers, closeAccess)
	a.access = policy
	if a.stepUp, err = stepUpGate(a.cfg, a.store); err != nil {
		return err
	}
	if a.broker, a.builtinVault, err = broker(a.cfg, a.store); err != nil {
		return fmt.Errorf("vault: %w", err)
	}
	return nil
}
