// `roster/testing`: Roster as an in-process test double for code that talks to Close.
export { SettableClock } from "./clock.ts";
export type { FaultDrop, FaultPhase, FaultRule, FaultRuleInput, Faults } from "./faults.ts";
export {
  type Fixture,
  FixtureError,
  type FixtureMember,
  type FixtureOrganization,
  type FixtureRole,
  parseFixture,
  type SeededMember,
  type SeededOrganization,
} from "./fixture.ts";
export type { Journal, JournalEntry, JournalQuery } from "./journal.ts";
export { type Roster, type StartOptions, startRoster } from "./start.ts";
