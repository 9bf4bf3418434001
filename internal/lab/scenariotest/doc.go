// Package scenariotest runs the observatory's whole pipeline (resolver,
// collector, probes, checks) over the lab's default world and checks every
// scenario: the IDs it expects fire, the healthy controls have no finding of
// severity error or worse, and the hostile domains end without hanging. It
// holds tests only; it is separate from package lab so that lab's own tests
// do not depend on the packages under test here.
package scenariotest
