// Package roster answers "who is on call" from the team configuration. It is
// pure: the time is always passed in, so tests and scenario replays are exact.
package roster

import (
	"fmt"
	"time"

	"github.com/warroom/warroom/internal/config"
)

// Unassigned is the owner recorded when the team file names no rotation that
// covers a service: the incident is still registered, never dropped.
const Unassigned = "unassigned"

// OnCall returns who is on call in rotation at time at: an override covering
// at wins; otherwise members take fixed-length shifts in order from Start.
func OnCall(team config.Team, rotation string, at time.Time) (string, error) {
	var rot *config.Rotation
	for i := range team.Rotations {
		if team.Rotations[i].Name == rotation {
			rot = &team.Rotations[i]
			break
		}
	}
	if rot == nil {
		return "", fmt.Errorf("unknown rotation %q", rotation)
	}
	// The latest-starting override wins when several overlap.
	var best *config.Override
	for i := range team.Overrides {
		o := &team.Overrides[i]
		if o.Rotation == rotation && !at.Before(o.From) && at.Before(o.To) && (best == nil || o.From.After(best.From)) {
			best = o
		}
	}
	if best != nil {
		return best.Engineer, nil
	}
	shift := time.Duration(rot.ShiftHours) * time.Hour
	if shift <= 0 || len(rot.Members) == 0 {
		return "", fmt.Errorf("rotation %q has no members or no shift length", rotation)
	}
	n := int64(at.Sub(rot.Start) / shift)
	if at.Before(rot.Start) && at.Sub(rot.Start)%shift != 0 {
		n-- // floor, not truncation, before the start
	}
	m := int64(len(rot.Members))
	return rot.Members[((n%m)+m)%m], nil
}

// RotationFor is the rotation that covers service: the service's own, else
// the first rotation in the file.
func RotationFor(team config.Team, service string) string {
	for _, s := range team.Services {
		if s.Name == service && s.Rotation != "" {
			return s.Rotation
		}
	}
	if len(team.Rotations) > 0 {
		return team.Rotations[0].Name
	}
	return ""
}

// Owner is the engineer who owns a new incident on service at time at.
func Owner(team config.Team, service string, at time.Time) string {
	rot := RotationFor(team, service)
	if rot == "" {
		return Unassigned
	}
	who, err := OnCall(team, rot, at)
	if err != nil {
		return Unassigned
	}
	return who
}
