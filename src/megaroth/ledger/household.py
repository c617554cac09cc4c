"""Who owns which plans, IRAs and money sources: the household a ledger declares.

Reads the declarations of the README's "Ledger conventions" (``megaroth-person`` customs, Opens with
``megaroth-plan:`` or ``megaroth-ira:``, and the source sub-accounts under each plan) and
reports every declaration it cannot make sense of as an error on the offending entry.
Pure: it never changes the entries it reads.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import account as accounts
from beancount.core import data
from beancount.core.amount import Amount

from megaroth.errors import MegarothError, Reader, error_on
from megaroth.ledger.view import tax_year
from megaroth.tax.money import ZERO
from megaroth.tax.qualified import FIRST_HOME_LIMIT, LifeEvents
from megaroth.tax.sources import (
    PLAN_TYPES,
    IraType,
    SourceKind,
    accepted_kinds,
    accepted_names,
    kinds_explained,
    source_kind_for,
)
from megaroth.vocabulary import (
    BIRTH_DATE,
    DEATH_DATE,
    DISABILITY_DATE,
    EMPLOYER,
    FIRST_HOME_EXPENSES,
    FIRST_HOME_YEAR,
    IN_PLAN_CONVERSION,
    IN_SERVICE_WITHDRAWAL,
    IRA,
    LOAN_ACCOUNT,
    OWNER,
    PERSON,
    PLAN,
    PUBLIC_SAFETY,
    SEPARATE_ACCOUNTING,
    SEPARATION_DATE,
    SOURCE_OVERRIDE,
)


@dataclass(frozen=True)
class Person:
    """Someone whose limits are counted: 402(g) and the IRA limit are per person.

    The dates and the first home, when recorded, decide whether Roth distributions are
    qualified and whether the 10% additional tax applies (:mod:`megaroth.tax.qualified`).
    """

    name: str
    birth_date: datetime.date | None
    meta: data.Meta = field(repr=False, compare=False)
    death_date: datetime.date | None = None
    disability_date: datetime.date | None = None
    first_home_year: int | None = None
    first_home_expenses: Decimal = ZERO

    @property
    def life_events(self) -> LifeEvents:
        return LifeEvents(self.birth_date, self.death_date, self.disability_date,
                          self.first_home_year, self.first_home_expenses)  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """An employer plan: the account whose Open carries ``megaroth-plan:``."""

    account: str
    plan_type: str
    owner: str | None
    employer: str | None
    in_plan_conversion: bool
    in_service_withdrawal: bool
    meta: data.Meta = field(repr=False, compare=False)
    # Whether the Open says in-service withdrawals are not allowed (FALSE written out).
    says_no_withdrawal: bool = False
    # The day the owner left the employer (separation from service), if recorded.
    separation_date: datetime.date | None = None
    # A qualified public safety employee of a governmental plan (IRC 72(t)(10)).
    public_safety: bool = False
    # FALSE: the plan doesn't account for after-tax money separately, so its pre-tax and
    # after-tax money are one contract (IRC 72(d)(2)).
    separate_accounting: bool = True


@dataclass(frozen=True)
class Source:
    """A plan's sub-account holding money of one source kind."""

    account: str
    plan: str
    kind: SourceKind
    meta: data.Meta = field(repr=False, compare=False)


@dataclass(frozen=True)
class Ira:
    """An IRA: the account whose Open carries ``megaroth-ira:``."""

    account: str
    ira_type: IraType
    owner: str | None
    meta: data.Meta = field(repr=False, compare=False)


@dataclass(frozen=True)
class Household:
    """Everything a ledger declares, keyed by person name or account name."""

    people: Mapping[str, Person]
    plans: Mapping[str, Plan]
    sources: Mapping[str, Source]
    iras: Mapping[str, Ira]
    # Accounts inside a plan whose money source can't be told (an error on their Open),
    # each with its plan: megaroth can't follow the money posted there.
    unclassified: Mapping[str, str] = field(default_factory=dict)

    def plans_of(self, person: str) -> list[Plan]:
        return sorted(
            (plan for plan in self.plans.values() if plan.owner == person),
            key=lambda plan: plan.account,
        )

    def iras_of(self, person: str) -> list[Ira]:
        return sorted(
            (ira for ira in self.iras.values() if ira.owner == person),
            key=lambda ira: ira.account,
        )

    def sources_of(self, plan: str) -> list[Source]:
        return sorted(
            (source for source in self.sources.values() if source.plan == plan),
            key=lambda source: source.account,
        )

    @property
    def birth_dates(self) -> dict[str, datetime.date | None]:
        return {name: person.birth_date for name, person in self.people.items()}

    def life_events(self, person: str | None) -> LifeEvents:
        """A person's recorded birth, death, disability and first home (none: nothing)."""
        found = self.people.get(person) if person else None
        return found.life_events if found else LifeEvents()

    @property
    def plan_owners(self) -> dict[str, str | None]:
        return {plan.account: plan.owner for plan in self.plans.values()}

    @property
    def roth_iras(self) -> dict[str, str | None]:
        """Each Roth IRA account's owner."""
        return {i.account: i.owner for i in self.iras.values() if i.ira_type is IraType.ROTH}

    def owner_of(self, account: str) -> str | None:
        """The owner of a plan or IRA account."""
        container = self.plans.get(account) or self.iras.get(account)
        return container.owner if container else None

    def ira_of(self, account: str) -> Ira | None:
        """The IRA an account is, or is inside (one account per fund, say)."""
        return next((self.iras[a] for a in accounts.parents(account) if a in self.iras), None)


def read_household(entries: Iterable[data.Directive]) -> tuple[Household, list[MegarothError]]:
    """The household the entries declare, and an error for each declaration that is wrong."""
    errors: list[MegarothError] = []
    opens: dict[str, data.Open] = {}
    person_entries: list[data.Custom] = []
    for entry in entries:
        if isinstance(entry, data.Open):
            opens[entry.account] = entry
        elif isinstance(entry, data.Custom) and entry.type == PERSON:
            person_entries.append(entry)

    people = _read_people(person_entries, errors)
    plans, iras, rejected = _read_containers(opens, sorted(people), errors)
    containers: list[Plan | Ira] = [*plans.values(), *iras.values()]
    for container in containers:
        _check_owner(container, people, opens[container.account], errors)
    sources, unclassified = _read_sources(opens, plans, rejected, errors)
    return Household(people, plans, sources, iras, unclassified), errors


def _error(entry: data.Directive, message: str) -> MegarothError:
    return error_on(entry, message, Reader.HOUSEHOLD)


# People ----------------------------------------------------------------------------------


def _read_people(entries: list[data.Custom], errors: list[MegarothError]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for entry in entries:
        name = _person_name(entry)
        if name is None:
            errors.append(
                _error(
                    entry,
                    'custom "megaroth-person" needs the person\'s name as a string, e.g. '
                    'custom "megaroth-person" "alice"',
                )
            )
            continue
        if name in people:
            first = people[name].meta
            errors.append(
                _error(
                    entry,
                    f'Person "{name}" is declared twice (first at {_where(first)}); '
                    "keep one declaration.",
                )
            )
            continue
        birth_date = _birth_date(entry, name, errors)
        death = _date(entry, name, DEATH_DATE, DEATH_MEANS, errors)
        disability = _date(entry, name, DISABILITY_DATE, DISABILITY_MEANS, errors)
        home_year, home_expenses = _first_home(entry, name, errors)
        people[name] = Person(name, birth_date, entry.meta, death, disability, home_year,
                              home_expenses)  # fmt: skip
    return people


def _person_name(entry: data.Custom) -> str | None:
    if not entry.values or len(entry.values) != 1:
        return None
    value = entry.values[0].value
    return value if isinstance(value, str) and value else None


def _birth_date(entry: data.Custom, name: str, errors: list[MegarothError]) -> datetime.date | None:
    raw = entry.meta.get(BIRTH_DATE)
    if raw is None or isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, str):
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError:
            pass
    errors.append(
        _error(
            entry,
            f'Person "{name}": birth-date {raw!r} is not a date. Write it as a date without '
            "quotes, year-month-day, e.g.  birth-date: 1974-03-14  (it decides catch-up "
            "eligibility at 50 and at 60-63).",
        )
    )
    return None


DEATH_MEANS = (
    "distributions from that day go to beneficiaries: box 7 code 4, and Roth money may be qualified"
)
DISABILITY_MEANS = (
    "disabled within IRC 72(m)(7) from that day: no 10% additional tax, and Roth money may "
    "be qualified"
)


def _date(
    entry: data.Custom, name: str, key: str, meaning: str, errors: list[MegarothError]
) -> datetime.date | None:
    raw = entry.meta.get(key)
    if raw is None or isinstance(raw, datetime.date):
        return raw
    errors.append(
        _error(
            entry,
            f'Person "{name}": {key} {raw!r} is not a date. Write it as a date without '
            f"quotes, year-month-day, e.g.  {key}: 2025-03-14  ({meaning}).",
        )
    )
    return None


def _first_home(
    entry: data.Custom, name: str, errors: list[MegarothError]
) -> tuple[int | None, Decimal]:
    """A first-time homebuyer use of Roth IRA money: its year and its qualified costs."""
    year_raw, expenses_raw = entry.meta.get(FIRST_HOME_YEAR), entry.meta.get(FIRST_HOME_EXPENSES)
    if year_raw is None and expenses_raw is None:
        return None, ZERO
    example = f"{FIRST_HOME_YEAR}: {entry.date.year}  and  {FIRST_HOME_EXPENSES}: 10000.00 USD"
    year = tax_year(year_raw)
    expenses = expenses_raw.number if isinstance(expenses_raw, Amount) else expenses_raw
    problem = None
    if year_raw is None or expenses_raw is None:
        missing = FIRST_HOME_YEAR if year_raw is None else FIRST_HOME_EXPENSES
        problem = f"{missing} is missing: a first home needs both lines"
    elif year is None:
        problem = f"{FIRST_HOME_YEAR} {year_raw!r} is not a year"
    elif not isinstance(expenses, Decimal) or isinstance(expenses, bool) or expenses < 0:
        problem = f"{FIRST_HOME_EXPENSES} {expenses_raw!r} is not an amount"
    elif expenses > FIRST_HOME_LIMIT:
        problem = (
            f"{FIRST_HOME_EXPENSES} {expenses:,.2f} is more than the lifetime limit of "
            f"{FIRST_HOME_LIMIT:,.2f} (IRC 72(t)(8)(B))"
        )
    if problem is not None or year is None or not isinstance(expenses, Decimal):
        errors.append(
            _error(
                entry,
                f'Person "{name}": {problem}. Record Roth IRA money used for a first home '
                f"(IRC 72(t)(8)) with the year and its qualified acquisition costs, at most "
                f"{FIRST_HOME_LIMIT:,.2f} over a lifetime, e.g.  {example}",
            )
        )
        return None, ZERO
    return year, expenses


def _where(meta: data.Meta) -> str:
    return f"{meta.get('filename', '?')}:{meta.get('lineno', '?')}"


# Plans and IRAs --------------------------------------------------------------------------


def _read_containers(
    opens: Mapping[str, data.Open], people: list[str], errors: list[MegarothError]
) -> tuple[dict[str, Plan], dict[str, Ira], set[str]]:
    """Plans and IRAs; also the accounts rejected for sitting inside another plan or IRA."""
    plans: dict[str, Plan] = {}
    iras: dict[str, Ira] = {}
    rejected: set[str] = set()
    declared = [open_ for open_ in opens.values() if PLAN in open_.meta or IRA in open_.meta]
    # Outer accounts first, so an inner declaration can be checked against its container.
    for open_ in sorted(declared, key=lambda open_: open_.account.count(":")):
        container = _enclosing(open_.account, [*plans, *iras])
        if container is not None:
            rejected.add(open_.account)
            errors.append(_nested_error(open_, container, container in plans))
            continue
        if PLAN in open_.meta:
            plan = _read_plan(open_, people, errors)
            if plan is not None:
                plans[plan.account] = plan
        else:
            ira = _read_ira(open_, people, errors)
            if ira is not None:
                iras[ira.account] = ira
    return plans, iras, rejected


def _enclosing(account: str, containers: Iterable[str]) -> str | None:
    """The container ``account`` sits strictly inside, if any."""
    inside = set(accounts.parents(account)) - {account}
    return next((container for container in containers if container in inside), None)


def _nested_error(open_: data.Open, container: str, container_is_plan: bool) -> MegarothError:
    what = "plan" if container_is_plan else "IRA"
    key = PLAN if PLAN in open_.meta else IRA
    return _error(
        open_,
        f"{open_.account} declares {key} but sits inside the {what} {container}, whose "
        f"sub-accounts are its money sources. Open it outside {container} (for example "
        f"{_sibling(container, open_.account)}), or remove {key}: from this Open.",
    )


def _sibling(container: str, account: str) -> str:
    parent = container.rsplit(":", 1)[0]
    return f"{parent}:{account.rsplit(':', 1)[-1]}"


def _read_plan(open_: data.Open, people: list[str], errors: list[MegarothError]) -> Plan | None:
    meta = open_.meta
    plan_type = str(meta[PLAN]).lower()
    if plan_type not in PLAN_TYPES:
        errors.append(
            _error(
                open_,
                f"{open_.account}: megaroth-plan {meta[PLAN]!r} is not a plan type megaroth "
                f'knows. Write one of: {", ".join(PLAN_TYPES)}, e.g.  megaroth-plan: "401k"',
            )
        )
        return None
    if not isinstance(meta.get(OWNER), str) or not meta[OWNER]:
        why = "402(g) deferrals are counted per person across all plans"
        errors.append(_error(open_, _no_owner(f"Plan {open_.account}", open_, people, why)))
    if not isinstance(meta.get(EMPLOYER), str) or not meta[EMPLOYER]:
        errors.append(
            _error(
                open_,
                f'Plan {open_.account} has no employer: add  employer: "Acme Corp"  to its Open '
                "(415(c) annual additions are counted per employer).",
            )
        )
    return Plan(
        account=open_.account,
        plan_type=plan_type,
        owner=_str_or_none(meta.get(OWNER)),
        employer=_str_or_none(meta.get(EMPLOYER)),
        in_plan_conversion=_flag(open_, IN_PLAN_CONVERSION, errors),
        in_service_withdrawal=_flag(open_, IN_SERVICE_WITHDRAWAL, errors),
        meta=meta,
        says_no_withdrawal=meta.get(IN_SERVICE_WITHDRAWAL) is False,
        separation_date=_plan_date(open_, SEPARATION_DATE, SEPARATION_MEANS, errors),
        public_safety=_flag(open_, PUBLIC_SAFETY, errors),
        separate_accounting=_flag(open_, SEPARATE_ACCOUNTING, errors, default=True),
    )


SEPARATION_MEANS = (
    "the day its owner left the employer: a distribution after it, in or after the year they "
    "turn 55 (50 for a qualified public safety employee), is spared the 10% additional tax, "
    "box 7 code 2"
)


def _plan_date(
    open_: data.Open, key: str, meaning: str, errors: list[MegarothError]
) -> datetime.date | None:
    raw = open_.meta.get(key)
    if raw is None or isinstance(raw, datetime.date):
        return raw
    errors.append(
        _error(
            open_,
            f"{open_.account}: {key} {raw!r} is not a date. Write it as a date without quotes, "
            f"year-month-day, e.g.  {key}: 2025-06-30  ({meaning}).",
        )
    )
    return None


def _no_owner(what: str, open_: data.Open, people: list[str], why: str) -> str:
    """What to add when a plan or IRA names no owner: one of the people declared."""
    if people:
        return (
            f'{what} has no owner: add  owner: "{people[0]}"  to its Open, naming whose it '
            f"is (declared: {', '.join(people)}); {why}."
        )
    return (
        f"{what} has no owner, and no one is declared yet: add  {open_.date} custom "
        '"megaroth-person" "NAME"  with a  birth-date:  line, then  owner: "NAME"  to this '
        f"Open; {why}."
    )


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _flag(open_: data.Open, key: str, errors: list[MegarothError], default: bool = False) -> bool:
    value = open_.meta.get(key, default)
    if isinstance(value, bool):
        return value
    errors.append(
        _error(
            open_,
            f"{open_.account}: {key} is {value!r}; write  {key}: TRUE  or  {key}: FALSE  "
            "(no quotes).",
        )
    )
    return default


def _read_ira(open_: data.Open, people: list[str], errors: list[MegarothError]) -> Ira | None:
    raw = open_.meta[IRA]
    types = ", ".join(kind.value for kind in IraType)
    try:
        ira_type = IraType(str(raw).lower()) if isinstance(raw, str) else None
    except ValueError:
        ira_type = None
    if ira_type is None:
        errors.append(
            _error(
                open_,
                f"{open_.account}: megaroth-ira {raw!r} is not an IRA type. Write one of: "
                f'{types}, e.g.  megaroth-ira: "traditional"',
            )
        )
        return None
    owner = _str_or_none(open_.meta.get(OWNER))
    if owner is None:
        why = "the IRA limit and Form 8606 are per person"
        errors.append(_error(open_, _no_owner(f"IRA {open_.account}", open_, people, why)))
    return Ira(open_.account, ira_type, owner, open_.meta)


def _check_owner(
    container: Plan | Ira,
    people: Mapping[str, Person],
    open_: data.Open,
    errors: list[MegarothError],
) -> None:
    owner = container.owner
    if owner is None or owner in people:
        return
    errors.append(
        _error(
            open_,
            f'{container.account}: owner "{owner}" is not declared. Add  '
            f'{open_.date} custom "megaroth-person" "{owner}"  with a  birth-date:  line, or '
            f"change owner to one of: {', '.join(sorted(people)) or '(no one is declared yet)'}.",
        )
    )


# Sources ---------------------------------------------------------------------------------


def _read_sources(
    opens: Mapping[str, data.Open],
    plans: Mapping[str, Plan],
    rejected: set[str],
    errors: list[MegarothError],
) -> tuple[dict[str, Source], dict[str, str]]:
    sources: dict[str, Source] = {}
    unclassified: dict[str, str] = {}
    for account, open_ in opens.items():
        plan = _enclosing(account, plans)
        if plan is None or _enclosing(account, rejected) or account in rejected:
            continue
        kind = _source_kind(open_, plan, opens, errors)
        if kind is not None:
            sources[account] = Source(account, plan, kind, open_.meta)
        else:
            unclassified[account] = plan
    return sources, unclassified


def _source_kind(
    open_: data.Open,
    plan: str,
    opens: Mapping[str, data.Open],
    errors: list[MegarothError],
) -> SourceKind | None:
    account = open_.account
    override, override_at = _override(account, plan, opens)
    if override is not None:
        kind = source_kind_for(str(override))
        if kind is None:
            errors.append(
                _error(
                    open_,
                    f"{account}: source {override!r} (on the Open of {override_at}) is not a "
                    f"money source megaroth knows. Write one of: {accepted_kinds()}.",
                )
            )
        return kind
    name = account[len(plan) + 1 :].split(":", 1)[0]
    kind = source_kind_for(name)
    if kind is None:
        errors.append(
            _error(
                open_,
                f'{account}: can\'t tell which money source "{name}" is in plan {plan}. Name '
                f"the sub-account below the plan after its source ({accepted_names()}), or add "
                'a line  source: "<kind>"  to this Open with the kind of money it holds: '
                f"{kinds_explained()}.{_loan_hint(name, plan)}",
            )
        )
    return kind


def _loan_hint(name: str, plan: str) -> str:
    """For a plan loan opened right below the plan: where its receivable goes."""
    if name.lower() != LOAN_ACCOUNT.lower():
        return ""
    return (
        " A 401(k) loan's receivable goes under the source it was lent from, e.g. "
        f'{accounts.join(plan, "PreTax", LOAN_ACCOUNT)} (the README, "Plan loans").'
    )


def _override(account: str, plan: str, opens: Mapping[str, data.Open]) -> tuple[Any, str | None]:
    """The ``source:`` override nearest to the account, from its Open or an ancestor's."""
    components = account[len(plan) + 1 :].split(":")
    for depth in range(len(components), 0, -1):
        candidate = f"{plan}:{':'.join(components[:depth])}"
        open_ = opens.get(candidate)
        if open_ is not None and SOURCE_OVERRIDE in open_.meta:
            return open_.meta[SOURCE_OVERRIDE], candidate
    return None, None


def postings_to_plan_roots(
    transactions: Iterable[data.Transaction], household: Household
) -> list[MegarothError]:
    """An error on each posting to a plan account itself, rather than to one of its sources."""
    plans = household.plans
    errors = []
    for entry in transactions:
        for posting in entry.postings:
            if posting.account in plans:
                errors.append(
                    _error(
                        entry,
                        f"This transaction posts to the plan account {posting.account} itself, "
                        "so megaroth can't tell whose money (pre-tax, Roth, after-tax...) it "
                        "is. Post to a source sub-account instead, e.g. "
                        f"{accounts.join(posting.account, 'AfterTax')} or "
                        f"{accounts.join(posting.account, 'PreTax')}.",
                    )
                )
    return errors
