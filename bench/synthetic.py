"""The synthetic governance graph itself: a Turtle writer and the region → hospital → body model.

Every entity gets Danish and English names and a passage of its own in its region's source
document, so the graph conforms to ``shapes/`` except where a gap is planted. Gaps sit at fixed
positions (``every(index, period, offset)``), and each is recorded under the rule (shape) that
should report it. Names come from a seeded ``random.Random``: same seed, same graph.
"""

from __future__ import annotations

import random
from collections import defaultdict
from typing import TextIO

ID = "https://w3id.org/govkg/id/"
PREFIXES = {
    "cv": "http://data.europa.eu/m8g/",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "gov": "https://w3id.org/govkg/ontology#",
    "id": ID,
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
PUBLIC_ORG = "gov:{} org:FormalOrganization cv:PublicOrganisation"
SYLLABLES = ["nord", "syd", "øst", "vest", "holm", "bæk", "lund", "skov", "borg", "havn", "strand", "dal", "bjerg"]
FIRST = ["Anne", "Bo", "Camilla", "Dorte", "Erik", "Frida", "Gustav", "Hanne", "Ib", "Jens", "Karen", "Lars", "Mette"]
LAST = ["Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen"]
SPECIALTIES = [("Kardiologi", "Cardiology"), ("Onkologi", "Oncology"), ("Ortopædi", "Orthopaedics")]
SPECIALTIES += [("Neurologi", "Neurology"), ("Pædiatri", "Paediatrics"), ("Radiologi", "Radiology")]
SPECIALTIES += [("Akutmodtagelse", "Emergency"), ("Psykiatri", "Psychiatry")]
FREQUENCIES = ["gov:Weekly", "gov:Monthly", "gov:Quarterly", "gov:Annual", "gov:Continuous", "gov:AsNeeded"]
Props = dict[str, list[str]]


# Kinds of entity that carry a gov:standing (bodies, organisations and posts; gsh:StandingShape).
STANDING_KINDS = frozenset({"posts", "bodies", "regions", "hospitals", "departments", "collaborations"})


def lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A Turtle literal."""
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return quoted + (f"@{lang}" if lang else "") + (f"^^{datatype}" if datatype else "")


def every(index: int, period: int, offset: int = 0) -> bool:
    """Whether the index-th item carries a gap planted once every ``period`` items."""
    return index % period == offset


class Graph:
    """Writes Turtle blocks as it goes, counting triples and recording planted gaps per rule."""

    def __init__(self, out: TextIO, rng: random.Random, sloppy: bool = False) -> None:
        self.out, self.rng, self.sloppy = out, rng, sloppy
        self.triples = 0
        self.gaps: dict[str, list[str]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        self.doc = ""
        self._passages = 0
        out.write("".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + "\n")

    def block(self, subject: str, types: str, props: Props) -> None:
        props = {p: objs for p, objs in props.items() if objs}
        lines = [f"{subject} a {', '.join(types.split())}"] + [f"    {p} {', '.join(o)}" for p, o in props.items()]
        self.out.write(" ;\n".join(lines) + " .\n")
        self.triples += len(types.split()) + sum(len(objs) for objs in props.values())

    def gap(self, shape: str, focus: str) -> None:
        self.gaps[shape].append(ID + focus.removeprefix("id:"))

    def entity(self, kind: str, slug: str, types: str, names: tuple[str, str], props: Props, **keep: bool) -> str:
        """An entity with names and a passage; ``english=False``/``provenance=False`` plant those gaps."""
        subject = f"id:{slug}"
        self.counts[kind] += 1
        english, provenance = keep.get("english", True), keep.get("provenance", True)
        if self.sloppy and self.counts[kind] % 10:  # nine in ten entities lack both (many findings)
            english = provenance = False
        labels = [lit(names[0], "da")] + ([lit(names[1], "en")] if english else [])
        passage = [self.passage(f"{names[0]} er beskrevet i aftalen.")] if provenance else []
        standing = ["gov:Established"] if kind in STANDING_KINDS else []
        props = {**props, "gov:standing": standing}
        self.block(subject, types, {"skos:prefLabel": labels, **props, "prov:wasDerivedFrom": passage})
        if not english:
            self.gap("PrefLabelShape", subject)
        if not provenance:
            self.gap("ProvenanceShape", subject)
        return subject

    def passage(self, quote: str) -> str:
        self._passages += 1
        subject = f"id:syn-passage-{self._passages:07d}"
        self.block(subject, "gov:Passage", {"gov:quote": [lit(quote, "da")], "dct:isPartOf": [self.doc]})
        return subject

    def person(self, slug: str) -> str:
        name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
        return self.entity("persons", slug, "foaf:Person", (name, name), {})

    def post(
        self, slug: str, names: tuple[str, str], post_in: str, role: str, reports_to: str | None, held: bool
    ) -> str:
        """A post in an organisation, held by a named person unless ``held`` is False (a gap)."""
        holder = [self.person(f"{slug}-holder")] if held else []
        lines = {"org:postIn": [post_in], "org:role": [role], "org:heldBy": holder}
        subject = self.entity(
            "posts", slug, "org:Post", names, {**lines, "org:reportsTo": [reports_to] if reports_to else []}
        )
        if not held:
            self.gap("PostHolderShape", subject)
        return subject


class Generator:
    """Builds the graph region by region, hospital by hospital; counters place the gaps."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.hospitals = self.bodies = self.groups = self.obligations = self.agreements = self.departments = (
            self.leads
        ) = 0

    def body(self, slug: str, kind: str, names: tuple[str, str], lines: Props, members: list[str]) -> str:
        """A collegial body with (usually) a mandate and memberships."""
        g, index = self.g, self.bodies
        self.bodies += 1
        mandate: list[str] = []
        if not every(index, 40):
            status = "gov:MandateUnclear" if every(index, 40, 20) else "gov:MandateStated"
            described = [lit(f"{names[0]} koordinerer opgaverne.", "da")]
            terms = (f"Kommissorium for {names[0]}", f"Terms of reference of {names[1]}")
            props = {"gov:mandateStatus": [status], "gov:mandateDescription": described}
            mandate = [g.entity("mandates", f"{slug}-mandate", "gov:Mandate", terms, props)]
        grouped = kind in ("gov:WorkingGroup", "gov:Network")  # steering groups always have a chair post
        if grouped:
            self.groups += 1
            members = [] if every(self.groups, 30, 7) else members
        subject = g.entity("bodies", slug, kind, names, {**lines, "gov:hasMandate": mandate})
        if not mandate:
            g.gap("BodyMandateShape", subject)
        elif every(index, 40, 20):
            g.gap("BodyMandateOpenShape", subject)
        for n, member in enumerate(members):
            seat = {"org:member": [member], "org:organization": [subject], "org:role": ["gov:Member"]}
            g.entity("memberships", f"{slug}-seat-{n}", "org:Membership", ("Medlemskab", "Membership"), seat)
        if grouped and not members:
            g.gap("GroupMemberShape", subject)
        return subject

    def region(self, r: int, top: str) -> tuple[str, str, str]:
        """A region with its source document, contact point, council chair, director and committee."""
        g, name, slug = self.g, self.place(), f"syn-r{r:03d}"
        g.doc = f"id:{slug}-doc"
        date = lit(f"20{10 + r % 15:02d}-0{1 + r % 9}-15", datatype="xsd:date")
        title = [lit(f"Sundhedsaftale for Region {name}", "da")]
        g.block(
            g.doc,
            "gov:SourceDocument",
            {"dct:title": title, "dct:identifier": [lit(f"{slug}.txt")], "dct:date": [date]},
        )
        contact = []
        if not every(r, 3, 2):
            names = (f"Kontakt i Region {name}", f"Contact in Region {name}")
            contact = [g.entity("contact-points", f"{slug}-contact", "cv:ContactPoint", names, {})]
        props = {"cv:contactPoint": contact, "org:memberOf": [top]}
        region = g.entity("regions", slug, PUBLIC_ORG.format("Region"), (f"Region {name}", f"Region {name}"), props)
        if not contact:
            g.gap("RegionContactPointShape", region)
        chair_names = ("Regionsrådsformand", "Chair of the regional council")
        chair = g.post(f"{slug}-chair", chair_names, region, "gov:RegionCouncilChair", None, True)
        director = g.post(
            f"{slug}-director", ("Sundhedsdirektør", "Director of health"), region, "gov:Leader", chair, True
        )
        names = (f"Styringskomité, Region {name}", f"Steering committee, Region {name}")
        committee = self.body(f"{slug}-committee", "gov:Committee", names, {"org:reportsTo": [region]}, [])
        return region, director, committee

    def hospital(self, r: int, h: int, region: str, director: str, committee: str) -> None:
        """A hospital: departments with lead posts, a steering group, working groups, a network, an agreement."""
        g, name, slug = self.g, self.place(), f"syn-r{r:03d}-h{h:03d}"
        self.hospitals += 1
        hospital_names = (f"Hospital {name}", f"{name} Hospital")
        props = {"org:subOrganizationOf": [region]}
        hospital = g.entity("hospitals", slug, PUBLIC_ORG.format("Hospital"), hospital_names, props)
        head = g.post(
            f"{slug}-head", ("Hospitalsdirektør", "Hospital director"), hospital, "gov:Leader", director, True
        )
        departments = [self.department(f"{slug}-d{d}", name, da, en, hospital, head) for d, (da, en) in
                       enumerate(g.rng.sample(SPECIALTIES, g.rng.randint(3, 6)))]  # fmt: skip
        names = (f"Styregruppe, {name}", f"Steering group, {name}")
        steering = self.body(
            f"{slug}-steering", "gov:SteeringGroup", names, {"org:reportsTo": [committee]}, departments[:2]
        )
        chair_names = ("Formand for styregruppen", "Chair of the steering group")
        g.post(f"{slug}-steering-chair", chair_names, steering, "gov:Chair", head, True)
        for w, dept in enumerate(departments[:3]):
            names = (f"Arbejdsgruppe {w + 1}, {name}", f"Working group {w + 1}, {name}")
            self.body(f"{slug}-wg{w}", "gov:WorkingGroup", names, {"org:reportsTo": [steering]}, [dept])
        typo = every(self.hospitals, 15, 8)
        informs = [f"id:{slug}-typo"] if typo else [committee]
        lines = {"gov:preparesCasesFor": [steering], "gov:informs": informs}
        network = self.body(
            f"{slug}-network", "gov:Network", (f"Netværk, {name}", f"Network, {name}"), lines, departments[-2:]
        )
        if typo:
            g.gap("UndescribedIriShape", informs[0])
        if every(self.hospitals, 20, 3):
            g.gap(
                "BodyIslandShape", self.body(f"{slug}-forum", "gov:Forum", (f"Forum, {name}", f"Forum, {name}"), {}, [])
            )
        self.agreement(slug, name, hospital, region, network)

    def department(self, slug: str, place: str, da: str, en: str, hospital: str, head: str) -> str:
        self.departments += 1
        keep = {"english": not every(self.departments, 100, 3), "provenance": not every(self.departments, 100, 53)}
        names = (f"{da}, {place}", f"{en}, {place}")
        dept = self.g.entity("departments", slug, "org:OrganizationalUnit", names, {"org:unitOf": [hospital]}, **keep)
        self.leads += 1
        lead_names = (f"Ledende overlæge, {da}", f"Head of {en}")
        self.g.post(f"{slug}-lead", lead_names, dept, "gov:Leader", head, not every(self.leads, 10, 4))
        return dept

    def agreement(self, slug: str, name: str, hospital: str, region: str, network: str) -> None:
        """A hospital's operating agreement with its region and the obligations it states."""
        g, a, subject = self.g, self.agreements, f"id:{slug}-agreement"
        self.agreements += 1
        parties = [] if every(a, 30, 1) else [hospital, region]
        status = [] if every(a, 30, 11) else ["gov:Adopted"]
        date = [] if every(a, 30, 21) else [lit(f"20{15 + a % 10}-0{1 + a % 9}-01", datatype="xsd:date")]
        props = {"gov:party": parties, "gov:status": status, "dct:date": date, "dct:source": [g.doc]}
        names = (f"Driftsaftale for {name}", f"Operating agreement for {name}")
        g.entity("agreements", subject[3:], "gov:Agreement", names, props)
        for shape, given in (
            ("AgreementPartyShape", parties),
            ("AgreementStatusShape", status),
            ("AgreementDateShape", date),
        ):
            if not given:
                g.gap(shape, subject)
        for o in range(g.rng.randint(2, 4)):
            i = self.obligations
            self.obligations += 1
            party = [] if every(i, 50, 2) else [hospital]
            action = (
                []
                if every(i, 50, 27)
                else [lit(f"{name} rapporterer nøgletal.", "da"), lit(f"{name} reports key figures.", "en")]
            )
            stated = [] if every(i, 50, 13) else [subject]
            props = {
                "gov:obligedParty": party,
                "gov:counterparty": [network if o % 2 else region],
                "gov:action": action,
            }
            props |= {"gov:frequency": [g.rng.choice(FREQUENCIES)], "gov:statedIn": stated}
            names = (f"Forpligtelse {o + 1}, {name}", f"Obligation {o + 1}, {name}")
            ob = g.entity("obligations", f"{slug}-ob{o}", "gov:Obligation", names, props)
            for shape, given in (
                ("ObligationPartyShape", party),
                ("ObligationActionShape", action),
                ("ObligationAgreementShape", stated),
            ):
                if not given:
                    g.gap(shape, ob)

    def cycle(self, c: int, committee: str) -> None:
        """Three committees that report to each other in a ring (and inform a real committee)."""
        slugs = [f"syn-cycle{c:03d}-{k}" for k in range(3)]
        for k, slug in enumerate(slugs):
            lines = {"org:reportsTo": [f"id:{slugs[(k + 1) % 3]}"], "gov:informs": [committee]}
            self.body(slug, "gov:Committee", (f"Udvalg {c}.{k}", f"Committee {c}.{k}"), lines, [])
            self.g.gap("ReportingCycleShape", f"id:{slug}")

    def place(self) -> str:
        return (self.g.rng.choice(SYLLABLES) + self.g.rng.choice(SYLLABLES)).capitalize()


def generate(out: TextIO, triples: int, seed: int, sloppy: bool = False) -> Graph:
    """Write a graph of about ``triples`` triples (never fewer than five regions' worth).

    ``sloppy``: nine in ten entities have no English name and no passage, for a graph with a
    finding or two per entity (the audit's cost must grow with findings, never with their square).
    """
    graph = Graph(out, random.Random(seed), sloppy)
    gen = Generator(graph)
    graph.doc = "id:syn-national-doc"
    title, identifier = [lit("Nationalt samarbejde", "da")], [lit("syn-national.txt")]
    graph.block(graph.doc, "gov:SourceDocument", {"dct:title": title, "dct:identifier": identifier})
    names = ("Regionerne (syntetisk)", "The regions (synthetic)")
    top = graph.entity("collaborations", "syn-regions", "org:OrganizationalCollaboration", names, {})
    regions = [gen.region(r, top) for r in range(max(5, round(triples / 25_000)))]
    h = 0
    while graph.triples < triples * 0.99 or h < 5:
        r = h % len(regions)
        graph.doc = f"id:syn-r{r:03d}-doc"
        gen.hospital(r, h // len(regions), *regions[r])
        h += 1
        if h % 40 == 1:
            gen.cycle(h // 40, regions[r][2])
    return graph
