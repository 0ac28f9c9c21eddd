"""Drafting over huge, hostile KB text: times the drafting steps that read an article or a
model's reply (the patterns of the clause and claim checks, the per-unit conflict checks of a
case charge, a vaguer time, a per-whole allowance, the category-drop check of a model's body)
on texts of 20k, 100k and 500k characters of the shapes that made them backtrack or loop
quadratically: long runs of spaces or dots, one phrase repeated with no clause end, one long
paragraph of sentences, a long list. Each case runs in a child process stopped after
`--cap` seconds (a stall prints as "> cap"), so the script itself always ends.

    PYTHONPATH=src .venv/bin/python bench/huge_drafting.py
    PYTHONPATH=src .venv/bin/python bench/huge_drafting.py --sizes 20000 --cap 30

`--kb-macros N` times drafting the bundled example's release against a Zendesk export of N
extra macros instead (trial 11 T7: 25,000 macros, 31 MB): the KB load, its reading, and each
change's drafting, one line each. `--project DIR` reuses (or makes, with `behaviordiff demo`)
the example there, so a whole-process timer can run the drafting alone:

    PYTHONPATH=src .venv/bin/python bench/huge_drafting.py --kb-macros 25000 --project /tmp/kb25k
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import time
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast


def _patterns(size: int) -> dict[str, Callable[[], object]]:
    from behaviordiff.detect import attribution, clusters, facts
    from behaviordiff.detect.facts import Promise
    from behaviordiff.drafting import (
        addedhandoff,
        agreement,
        bandcutoff,
        bandhandoff,
        bandstep,
        bandswap,
        casetold,
        categories,
        categorydrop,
        checks,
        datecutoff,
        deniedbound,
        digitgloss,
        droppedoption,
        everycharge,
        everykind,
        flippedanswer,
        gatedwindow,
        groupcharge,
        handedover,
        handedtopic,
        impact,
        keptback,
        keptrules,
        movedarg,
        narrowedrange,
        oftenlimit,
        oldside,
        onevalue,
        optionlist,
        percase,
        promptrule,
        proofstep,
        quoteclause,
        refusedkind,
        rules,
        scopedneed,
        servedlist,
        splitcase,
        stoppedservice,
        text,
        waivedcase,
        wholepromise,
        wholeshare,
        withdrawnkind,
    )
    from behaviordiff.drafting.answers import yes_no_head
    from behaviordiff.drafting.claimrow import excepting_row, refused_subject
    from behaviordiff.drafting.claimsubject import claim_subject
    from behaviordiff.drafting.timedrop import time_pattern

    band_step = bandstep.BandStep(
        "activate_rider",
        "18",
        "21",
        "if you're aged 21 or over",
        "If you're aged 18 to 20",
        "we need a photo of your licence before your first ride",
        frozenset({"licenc", "photo"}),
        "Riders aged 18 to 20: …",
        frozenset({"switch", "account"}),
    )
    moved = SimpleNamespace(
        restricted=True,
        removed_promises=[Promise("date", "2 May")],
        added_promises=[Promise("date", "1 May")],
    )
    swapped = SimpleNamespace(
        rules=[
            SimpleNamespace(
                kind="sentence_changed", old="a " * (size // 2) + "x", new="a " * (size // 2) + "y"
            )
        ]
    )
    told = casetold.CaseTold("A £5 fee applies to b.", frozenset({"b"}), "£5")
    free = re.compile(r"\bfree\b", re.I)

    spaces = "a" + " " * size + "x"
    kind = withdrawnkind.WithdrawnKind(
        "electric", cast(Any, None), "", "", frozenset({"hire", "seven", "day"})
    )
    moved_arg = movedarg.MovedArgument(
        "annual",
        "card",
        "account credit",
        "for annual plans",
        "it is added as credit",
        frozenset({"monthli"}),
        ("14", "fourteen"),
        "for monthly plans",
        "",
        frozenset({"cancel"}),
    )
    shape = time_pattern("3 working days")
    assert shape is not None
    handed = handedover.HandedOver("renew_loan", ("renew",), "Members now renew loans themselves.")
    bounds = deniedbound.denied_bounds(
        [
            (
                "Members can pause at any time, for 1 to 8 weeks.",
                "Members who have been with us for 3 months can pause, for 1 to 8 weeks.",
            ),
            ("A float costs £45, the same price every day.", "A float costs £45 on weekdays."),
        ],
        ["Members can cancel at any time."],
        ["Floats at weekends cost £10 more, so £55."],
    )
    anytime = "You can pause whenever you like, " * (size // 32)
    return {
        "deniedbound stating and rewritten, units 'You can pause whenever you like, …'": lambda: [
            (deniedbound.stating(bounds, unit.text), [b.rewritten(unit.raw) for b in bounds])
            for unit in text.units(anytime + ". " + "It's £45, the same every day. " * (size // 30))
        ],
        "deniedbound rewritten, one long sentence of claims": lambda: [
            b.rewritten(anytime + "no weekend supplement, " * (size // 24)) for b in bounds
        ],
        "deniedbound item_context, '# a' lines": lambda: deniedbound.item_context(
            "t", "# a\n" * (size // 4)
        ),
        "handedover does_for_customer, 'we we we …'": lambda: handedover.does_for_customer(
            handed, "we " * (size // 3) + "renew your loan for you"
        ),
        "handedover does_for_customer, units 'We renew it for you. …'": lambda: [
            handedover.does_for_customer(handed, unit.text)
            for unit in text.units("We renew it for you. " * (size // 21))
        ],
        "handedover _customer_does, 'they can they can …'": lambda: handedover._customer_does(
            "they can " * (size // 9) + "x", handed.verb_pattern
        ),
        "bandhandoff _WHATEVER, spaces": lambda: bandhandoff._WHATEVER.search(spaces),
        "everykind _CONTRAST, spaces": lambda: list(everykind._CONTRAST.finditer(spaces)),
        "impact _CLAUSE_BREAK, spaces": lambda: impact._CLAUSE_BREAK.split(spaces),
        "impact denies_doing, 'can't repair can't repair …'": lambda: impact.denies_doing(
            {"repair"}, "can't repair " * (size // 13) + "repair"
        ),
        "impact _leading, 'We repair it. We repair it. …'": lambda: [
            impact._leading(text, found, index, "T")
            for text in ["We repair it. " * (size // 14)]
            for found in [impact.units(text)]
            for index in range(len(found))
        ],
        "quoteclause _CLAUSE_BREAK, spaces": lambda: list(
            quoteclause._CLAUSE_BREAK.finditer(spaces)
        ),
        "quoteclause quoted_cells, '| 1 | 2 | …'": lambda: quoteclause.quoted_cells(
            "| a " + "| £1.5 " * (size // 7) + "| 3 May |", "| h " * (size // 4) + "|", {"3"}
        ),
        "refusedkind _INCLUSION, spaces": lambda: list(refusedkind._INCLUSION.finditer(spaces)),
        "withdrawnkind to_customer, 'the customer the customer …'": lambda: (
            withdrawnkind.to_customer("if the customer " * (size // 16) + "asks")
        ),
        "withdrawnkind claims_for_every_kind, one long sentence": lambda: (
            withdrawnkind.claims_for_every_kind(kind, "any bike can be hired " * (size // 22))
        ),
        "withdrawnkind refused_row, '| a | a | …'": lambda: withdrawnkind.refused_row(
            kind, "| electric " + "| hireable for seven days " * (size // 26) + "|"
        ),
        "movedarg _CLAIM, spaces": lambda: movedarg._CLAIM.search(spaces),
        "movedarg with_exception, 'to your card, to your card, …'": lambda: movedarg.with_exception(
            moved_arg, "to your card, " * (size // 14) + "whichever plan."
        ),
        "movedarg states_old_for_every_kind, one long sentence": lambda: (
            movedarg.states_old_for_every_kind(moved_arg, "cancel in 14 days card " * (size // 23))
        ),
        "movedarg new_value_row, '| a | a | …'": lambda: movedarg.new_value_row(
            moved_arg, "| annual " + "| back to your card " * (size // 19) + "|", "| a | 14 days |"
        ),
        "oldside _YOU_SUBJECT, 'however a however a …'": lambda: oldside._YOU_SUBJECT.search(
            "however a " * (size // 10) + "you"
        ),
        "refusedkind _INCLUSION, 'from from …'": lambda: list(
            refusedkind._INCLUSION.finditer("from " * (size // 5) + "x")
        ),
        "timedrop time_pattern, spaces": lambda: list(shape.finditer(spaces)),
        "promptrule includes_case, ', ' and a run of spaces": lambda: [
            promptrule.includes_case("a," + " " * 3990 + "x", {"paint", "sets"})
            for _ in range(size // 4000)
        ],
        "categorydrop _BEFORE_WE, 'before we add …{'": lambda: categorydrop._BEFORE_WE.search(
            "before we add " * (size // 14) + "{"
        ),
        'categorydrop _BEFORE_WE, "we can\'t add …"': lambda: categorydrop._BEFORE_WE.search(
            "we can't add " * (size // 13) + "x"
        ),
        "categorydrop _WAIT, dots": lambda: categorydrop._WAIT.match(
            "once it comes, we " + "." * size + "x"
        ),
        "addedhandoff _LEAD_CLAIM, 'or or …'": lambda: addedhandoff._LEAD_CLAIM.match(
            "whatever you buy, " + "or " * (size // 3)
        ),
        "addedhandoff _LEAD_CLAIM, 'from from …'": lambda: addedhandoff._LEAD_CLAIM.match(
            "whatever you buy, from " + "to from " * (size // 8)
        ),
        "addedhandoff _INCLUDED, ', a a …'": lambda: addedhandoff._INCLUDED.search(
            ", a" * (size // 3) + " x"
        ),
        "addedhandoff _SAME_AS_ANY, 'like like …'": lambda: addedhandoff._SAME_AS_ANY.search(
            "just like any " * (size // 14)
        ),
        "addedhandoff _LABEL_HEAD, spaces": lambda: addedhandoff._LABEL_HEAD.match(
            "a" + " " * size + "x"
        ),
        "gatedwindow _DENIED, 'call `' …": lambda: gatedwindow._DENIED.sub(
            " ", "don't call `x` (" * (size // 16) + "no longer " + "a" * size
        ),
        "gatedwindow _BAND_SUBJECT, digits": lambda: gatedwindow._BAND_SUBJECT.match(
            "1 " * (size // 2) + "x"
        ),
        "gatedwindow _AREA, after every digit": lambda: [
            gatedwindow._AREA.match(text, at)
            for text in ["1 sq" * (size // 4)]
            for at in range(0, len(text), 4)
        ],
        "digitgloss glossed unit, 'six m (6 m' …": lambda: digitgloss.rewrite_glossed(
            "six metres (6 m" * (size // 15) + ")", "6", "3"
        ),
        "attribution _HOLDS_BACK_CALL, 'don't call' …": lambda: list(
            attribution._HOLDS_BACK_CALL.finditer("don't call " * (size // 11))
        ),
        "jointrule promise numbers, '12 days' …": lambda: _promise_numbers(
            "duration:12 days " * (size // 17)
        ),
        "wholeshare _CLAUSE_END, spaces": lambda: wholeshare._CLAUSE_END.search(spaces),
        "datecutoff worked example, spaces": lambda: datecutoff.without_worked_example(
            spaces, "20%"
        ),
        "datecutoff worked example, 'a - b …. x'": lambda: datecutoff.without_worked_example(
            "a - b" * (size // 5) + ". x", "20%"
        ),
        "bandswap claims_every_case, spaces": lambda: bandswap.claims_every_case(spaces),
        "bandswap claims_every_case, 'whatever …; x'": lambda: bandswap.claims_every_case(
            "whatever " * (size // 9) + "; x"
        ),
        "bandswap _ALWAYS, spaces": lambda: bandswap._ALWAYS.sub("", spaces),
        "bandswap _need, 'a a … must'": lambda: bandswap._need(
            "Members under 16: " + "a " * (size // 2) + "must sign"
        ),
        "bandswap _need, spaces": lambda: bandswap._need("Members under 16: a" + spaces + "x"),
        "bandswap _EVERY, 'any any …'": lambda: bandswap._EVERY.search("any " * (size // 4)),
        "bandstep claims_old_way, 'no no …'": lambda: bandstep.claims_old_way(
            band_step, "no " * (size // 3) + "right away"
        ),
        "bandstep claims_old_way, 'whether you're a or …'": lambda: bandstep.claims_old_way(
            band_step, "we switch it on at once, whether you're a or " * (size // 44)
        ),
        "bandstep _kept, 'whatever your age x …'": lambda: bandstep._kept(
            band_step, "Whatever your age, " + "x " * (size // 2) + "there and then"
        ),
        "bandstep _line_said, '18 18 …'": lambda: bandstep._line_said(
            band_step, "18 " * (size // 3)
        ),
        "scopedneed need_in, 'we need we need …'": lambda: scopedneed.need_in(
            "we need " * (size // 8) + "x"
        ),
        "bandswap _without_no_new, one long clause": lambda: bandswap._without_no_new(
            cast(Any, SimpleNamespace(new_nouns=("form",))), "ab " * (size // 3) + ", no form"
        ),
        "oftenlimit _LIMIT, 'one one …'": lambda: list(
            oftenlimit._LIMIT.finditer("one " * (size // 4) + "x")
        ),
        "oftenlimit _LIMIT, spaces": lambda: list(oftenlimit._LIMIT.finditer(spaces)),
        "oftenlimit _TIMES, 'once 3 times …'": lambda: list(
            oftenlimit._TIMES.finditer("once 3 times " * (size // 13) + "x")
        ),
        "oftenlimit _HOWEVER_OFTEN, 'whenever you …'": lambda: list(
            oftenlimit._HOWEVER_OFTEN.finditer("whenever you " * (size // 13) + "x")
        ),
        "servedlist _TOLD, 'say a … `'": lambda: list(
            servedlist._TOLD.finditer("say a " * (size // 6) + "`")
        ),
        "oldside _NEGATION, letters": lambda: oldside._NEGATION.search("a" * size),
        "oldside _RANGE, digits": lambda: list(oldside._RANGE.finditer("1" * size + " x")),
        "oldside CONTRAST, ', not a a …'": lambda: oldside.CONTRAST.sub(
            "", ", not " + "a " * (size // 2)
        ),
        "oldside _AMOUNT, '£ £ …'": lambda: list(oldside._AMOUNT.finditer("£ " * (size // 2))),
        "oldside _CONDITION, 'if a a …'": lambda: oldside._CONDITION.match(
            "if " + "a " * (size // 2)
        ),
        "waivedcase _HOWEVER, spaces": lambda: waivedcase._HOWEVER.search(spaces),
        "waivedcase _whether, 'whether you booked a, a, …'": lambda: waivedcase._whether(
            "the same whether you booked " + "on a site, " * (size // 11) + "x"
        ),
        "claimsubject claim_subject, 'a a a …'": lambda: claim_subject("a " * (size // 2)),
        "facts extract_promises, '1 1 … of December'": lambda: facts.extract_promises(
            "1 " * (size // 2) + "of December 15/12/2026 24/7"
        ),
        "clusters _said_as, '1,1,… 9.9.…'": lambda: clusters._said_as(
            "fee: £" + "1," * (size // 2) + "9." * (size // 2)
        ),
        "categories _UNIVERSAL_TAIL, ', wherever …'": lambda: categories._UNIVERSAL_TAIL.search(
            ", wherever" * (size // 10) + "."
        ),
        "oldside kb_voice, one long instruction": lambda: oldside.kb_voice(
            "If the total is over £50, " + "give them a towel and " * (size // 22) + "x."
        ),
        "casetold claims and rewrites, 'whether a or a or …'": lambda: (
            casetold.narrowed_whether(told, "Free, whether " + "a or " * (size // 5) + "b."),
            casetold.case_row(told, "| " + "new or " * (size // 7) + "x | Free |", free),
            casetold.told_charge("tell them " * (size // 10) + "x pay a £5 fee.", "£5"),
        ),
        "stoppedservice _NO_LONGER, 'no longer a a …'": lambda: list(
            stoppedservice._NO_LONGER.finditer(("no longer " + "a " * 80) * (size // 170))
        ),
        "stoppedservice _without_clause, ', or dress …'": lambda: stoppedservice._without_clause(
            stoppedservice.StoppedService("dress", ("crab",), "x", "", "", None),
            ", or dress lobster" * (size // 18) + " crab",
        ),
        "droppedoption _narrowed, 'a, a, a, … or by post'": lambda: droppedoption._narrowed(
            droppedoption.DroppedOption("post", ""), "pay " + "by card, " * (size // 9) + "by post"
        ),
        "droppedoption _narrowed, 'post, post, …'": lambda: droppedoption._narrowed(
            droppedoption.DroppedOption("post", ""), "x " + "post or a, " * (size // 11)
        ),
        "optionlist withdrawn, 'by card, by card, …'": lambda: optionlist.withdrawn(
            "pay " + "by card, " * (size // 9) + "or by post", "no longer by post; " * (size // 19)
        ),
        "optionlist said_withdrawn, 'no longer post; …'": lambda: optionlist.said_withdrawn(
            "no longer by post; a b " * (size // 23), "post"
        ),
        "optionlist _LIST, 'a, a, a …'": lambda: list(
            optionlist._LIST.finditer("a, " * (size // 3))
        ),
        "droppedoption _recounted, 'two things two things …'": lambda: droppedoption._recounted(
            "two things " * (size // 11), 2
        ),
        "agreement, 'we cooked and …'": lambda: agreement.agreement_problem(
            "we cooked and " * (size // 14) + "x"
        ),
        "agreement, 'we we …'": lambda: agreement.agreement_problem("we " * (size // 3)),
        "wholepromise _SUBJECT, 'a a a …'": lambda: wholepromise._SUBJECT.match("a " * size),
        "wholepromise _TIME, '4 working 4 working …'": lambda: wholepromise._TIME.findall(
            "4 working " * (size // 10)
        ),
        "splitcase _UNIVERSAL, 'whether you a a …'": lambda: splitcase._UNIVERSAL.search(
            "whether you " + "a " * (size // 2)
        ),
        "splitcase _THINGS_THEY, 'the cats a a …'": lambda: splitcase._THINGS_THEY.sub(
            "", "the cats " * (size // 9)
        ),
        "onevalue claims_one_value, 'one date whatever one …'": lambda: (
            onevalue.claims_one_value(
                cast(Any, moved), "one " * (size // 8) + "date whatever " + "the " * (size // 8)
            ),
            onevalue._CLAUSE.split(", so " * (size // 4)),
        ),
        "flippedanswer swapped_words and clauses, 'a a …'": lambda: (
            flippedanswer.swapped_words(cast(Any, swapped)),
            flippedanswer._CLAUSE_CUT.split(" - " * (size // 3)),
        ),
        "answers yes_no_head, 'yes yes …'": lambda: yes_no_head("yes " * (size // 4)),
        "splitcase _narrowed, ', only a' …": lambda: splitcase._narrowed(
            "We only take it" + ", only a" * (size // 9)
        ),
        "splitcase _narrowed, 'x however much a a …'": lambda: splitcase._narrowed(
            "fees stay however much " + "a " * (size // 2) + "and x"
        ),
        "splitcase _OWN_CASE and _DENIAL, letters": lambda: (
            splitcase._OWN_CASE.search("a" * size),
            splitcase._DENIAL.search("n" * size),
        ),
        "splitcase _LAST_NOUN, spaces": lambda: splitcase._LAST_NOUN.search(spaces),
        "handedtopic claims, 'we'll book we'll book …' and ', and , and …'": lambda: (
            handedtopic.claims_done_here(
                handedtopic.HandedTopic(frozenset({"enter"}), frozenset({"exam"}), "We'll x.", "x"),
                "we'll book " * (size // 11) + "there and then",
            ),
            handedtopic._said_here(
                handedtopic.HandedTopic(frozenset({"enter"}), frozenset({"exam"}), "We'll x.", "x"),
                ", and " * (size // 6) + "we enter it ourselves",
            ),
            handedtopic._HERE_NOW.search("in the " * (size // 7)),
            handedtopic._DONE_SAID.match("{{a}} " * (size // 6) + "is now entered"),
            handedtopic._TEAM.search("goes to our " * (size // 12)),
        ),
        "splitcase _NO_PAPER and _UNIVERSAL, 'no no …', 'exactly as exactly …'": lambda: (
            splitcase._NO_PAPER.search("no " * (size // 3)),
            splitcase._NO_PAPER.search("nobody needs " * (size // 13) + "sign"),
            splitcase._UNIVERSAL.search("exactly as we " * (size // 14)),
        ),
        "splitcase _BAND, 'aged under aged …' and '1 and 1 and …'": lambda: (
            splitcase._BAND.search("aged under " * (size // 11)),
            splitcase._BAND.search("1 and " * (size // 6)),
        ),
        "splitcase _band_subject and _every_noun, 'a a …', 'every every …'": lambda: (
            splitcase._band_subject("a" * size + " b" * (size // 2)),
            splitcase._SUBJECT_WORD.search("a-" * (size // 2) + "!"),
            splitcase._every_noun(
                "every " * (size // 6) + "a " * (size // 2),
                splitcase.Band("under 18", "students", "student", True),
            ),
        ),
        "splitcase _TOLD and _LAST_WORD, 'fee is fee is …', spaces": lambda: (
            splitcase._TOLD.findall("fee is " * (size // 7)),
            splitcase._TOLD.search("deposit" + " " * size + "x"),
            splitcase._LAST_WORD.search("abc " * (size // 4) + "!"),
        ),
        "splitcase _own_case, 'if you if you …'": lambda: splitcase._own_case(
            _told_split(), "if you " * (size // 7) + "cancel"
        ),
        "splitcase _told_claims, a long old section": lambda: splitcase._told_claims(
            "The fee is non-refundable",
            ["the fee is kept, " * (size // 17)],
            set(),
            ["We kept your fee."] * 3,
            ["x"],
        ),
        "splitcase _plain_row, a long cell of claims": lambda: splitcase._plain_row(
            _told_split(), "| Fee if you cancel | " + "kept; " * (size // 6) + "|"
        ),
        "splitcase _HEAD_LEAD, 'if you a a …'": lambda: splitcase._HEAD_LEAD.match(
            "if you " + "a " * (size // 2)
        ),
        "oldside _YOU_SUBJECT, 'if you aaa…' and 'you you …'": lambda: (
            oldside._YOU_SUBJECT.sub("", "if you " + "a" * size + "-"),
            oldside._YOU_SUBJECT.sub("", "if you " * (size // 7)),
        ),
        "proofstep _ASK_TO, 'ask them to send   …'": lambda: proofstep._ASK_TO.search(
            "ask them to send " + " " * size + "x"
        ),
        "proofstep _ASK_TO, 'ask to send ask to send …'": lambda: list(
            proofstep._ASK_TO.finditer("ask them to send " * (size // 17) + ".")
        ),
        "proofstep _ASK_OTHER, _DONE_AT_ONCE, _NOW, 'ask the a a …'": lambda: (
            proofstep._ASK_OTHER.search("ask the " + "a " * size + "to"),
            list(proofstep._ASK_OTHER.finditer("ask the ask the " * (size // 16))),
            proofstep._DONE_AT_ONCE.match("We've updated the " + "a " * size + "straight away"),
            proofstep._NOW.search("you are " * (size // 8)),
        ),
        "proofstep _PIECE_BREAK, spaces": lambda: proofstep._PIECE_BREAK.split(spaces),
        "proofstep _NOTHING_CELL, 'nothing, just   …'": lambda: proofstep._NOTHING_CELL.match(
            "nothing, just " + " " * size + "|"
        ),
        "proofstep _GATE, 'once once …'": lambda: proofstep._GATE.match("once " * (size // 5)),
        "proofstep _WE_CHECK, 'we check we check …'": lambda: list(
            proofstep._WE_CHECK.finditer("we check " * (size // 9))
        ),
        "proofstep _ONLY_ONCE, 'only once only once …'": lambda: list(
            proofstep._ONLY_ONCE.finditer("only once " * (size // 10))
        ),
        "proofstep _NO_PROOF, 'nothing   …' and 'nothing nothing …'": lambda: (
            proofstep._NO_PROOF.search("nothing " + " " * size + "x"),
            proofstep._NO_PROOF.search("nothing " * (size // 8)),
        ),
        "oldside _TOLD_CLAUSE, 'the aaa…', 'it aaa…'": lambda: (
            oldside._TOLD_CLAUSE.match("the " + "a" * size + "-"),
            oldside._TOLD_CLAUSE.match("it " + "a" * size + "-"),
        ),
        "promptrule told_to_you and _TOLD_LEAD, 'aaa…, ' and 'x. x. …'": lambda: (
            promptrule.told_to_you("a" * size + ", tell you"),
            promptrule.told_to_you("x. " * (size // 3) + "tell"),
            promptrule._TOLD_LEAD.match("a" * size + ", tell them"),
            promptrule._OVER_KIND.findall("every " * (size // 6)),
        ),
        "promptrule includes_case and keptback shares, ', a a a … included', 'half half …'": (
            lambda: (
                promptrule.includes_case(", " + "a " * (size // 2) + "x", {"paint", "ink"}),
                promptrule._INCLUDED.findall((", paint ink " + "a " * 40) * (size // 90)),
                keptback.share_said("half " * (size // 5), 0.5),
                keptback.said_as_share("the full price " * (size // 15), "half"),
                keptback.said_as_share("the full " + " " * size + "price", "half"),
            )
        ),
        "promptrule changed_phrases, 'a b a b …'": lambda: promptrule.changed_phrases(
            "a b " * (size // 4), "b a " * (size // 4)
        ),
        "glosses glossed_span, '(((…30 days' and 'a month (…'": lambda: (
            _glossed_span("(" * size + "30 days"),
            _glossed_span("a month " + "(" * size + "30 days)"),
        ),
        "categories _WHETHER_OR, 'whether a a …'": lambda: categories._WHETHER_OR.findall(
            "whether " + "a " * (size // 2)
        ),
        "claimrow refused_subject, excepting_row, 'orders containing a a …'": lambda: (
            refused_subject("orders containing " + "a " * (size // 2) + "x"),
            refused_subject("orders containing" + " " * size + "can't x"),
            excepting_row("| a " + "(" * (size // 2) + " | all x |", "orders with a can't go to a"),
            excepting_row("| a | all " + "| " * (size // 2), "orders with " + "b or " * 20),
        ),
        "impact claims_for_all, 'whatever's in your' then words": lambda: (
            impact.claims_for_all(
                "orders containing b can't be sent",
                "whatever's in your basket " + "b send " * (size // 7),
            ),
            impact._WHATEVER_HELD.search("whatever " * (size // 9)),
        ),
        "categories without_everything, 'everything' then spaces": lambda: (
            categories.without_everything("Everything" + " " * size + "x"),
            categories.without_everything(" " * size + "everything we"),
        ),
        "categories _SAME_AS_REST and _FOR_THE_REST, 'the same a a …'": lambda: (
            categories._SAME_AS_REST.search("the same " + "a " * (size // 2)),
            categories._SAME_AS_REST.findall("the same " * (size // 9)),
            categories._FOR_THE_REST.search("for " * (size // 4)),
        ),
        "rules to_you, without_universal, without_named_inclusion, case_lead": lambda: (
            rules.to_you("orders " + "a " * (size // 2) + "carries them"),
            rules.to_you("orders " + "x" * size + " takes them"),
            rules.without_universal("to any " + "a " * (size // 2) + "x"),
            rules.without_named_inclusion(", " + "a " * (size // 2) + "included", "a"),
            rules.without_named_inclusion(", a" * (size // 3) + " included", "a"),
            rules.case_lead("rented " + "for " * (size // 4)),
            rules.kb_rule("orders " + "a " * (size // 2) + ": our carrier takes them there."),
        ),
        "rules where_stated '2', 'both of both of …' and 'both    …'": lambda: (
            rules.where_stated("2", "both of " * (size // 8) + "x"),
            rules.where_stated("2", "both" + " " * size + "x"),
        ),
        "bandcutoff _EVERY, _CLAUSE, _LEAD, 'whatever the a a …', ', a a …'": lambda: (
            bandcutoff._EVERY.search("whatever the " * (size // 13) + "x"),
            bandcutoff._EVERY.search("doesn't matter how " * (size // 19) + "x"),
            bandcutoff._CLAUSE.search(", a" * (size // 3) + " x"),
            bandcutoff._LEAD.match("whatever " + "a " * (size // 2)),
            bandcutoff._stems("a " * (size // 2)),
        ),
        "splitcase heading_above and _claims, many headings": lambda: text.heading_above(
            text.units("# a?\n\n" * (size // 6) + "x."), size // 6
        ),
        "review mends: narrowedrange stops, bandcutoff last clause, splitcase headings": lambda: (
            narrowedrange._without_dropped(
                SimpleNamespace(
                    claim=narrowedrange._claim_pattern("Saturday", "day", "Monday"),
                    named=re.compile(r"\bSaturdays?\b", re.I),
                    new_range="Monday to Friday",
                ),
                "Express binding, also on Saturdays " + "." * size + "x",
            ),
            bandcutoff._CLAUSE.search(", " + " " * size + "x,"),
            splitcase.universal_claims(
                _split_facts(),
                text.units("\n\n".join(f"Line {i} here." for i in range(size // 10))),
                [],
                lambda *found: found,
            ),
        ),
        "groupcharge per unit, bare no, nothing cell, rows": lambda: (
            groupcharge._PER_UNIT.search("a deposit of £5 " + "a " * (size // 2) + "x"),
            groupcharge._PER_UNIT.search("deposit " * (size // 8) + "of £"),
            groupcharge._PER_UNIT.search("a" * size + " fee of £5 per"),
            groupcharge._BARE_NO.fullmatch("no, " * (size // 4) + "x"),
            groupcharge._NOTHING_CELL.fullmatch(" " * size + "nothing" + " " * size + "x"),
            groupcharge._words("8 or more " * (size // 10)),
        ),
        "promptrule told figure, rules asked, free words: deposits": lambda: (
            promptrule._TOLD_FIGURE.match("the " + "total " * (size // 6) + "x"),
            rules._ASKED_BEFORE.search("ask whether " + "they " * (size // 5)),
            everycharge.free_claims("never " * (size // 6) + "ask for a x"),
            everycharge.free_claims("no " * (size // 3) + "deposit"),
        ),
        "percase trailing whether, keptrules either case, 'a a …, whether we a … or'": lambda: (
            percase._TRAIL.match("a " * size + ", whether we " + "a " * size + "or b b b"),
            percase._TRAIL.match(" " * size + "a," * size + " whether you a or b c d."),
            percase._alternatives("we've " + "a " * size + "or come out to see it"),
            keptrules._EITHER_CASE.search("whether we " * size),
        ),
        "checks code_identifiers, 'a_a_…-', backticks, braces, links": lambda: (
            checks.code_identifiers("x " + "a_" * (size // 2) + "-", ""),
            checks.code_identifiers("`" * size, ""),
            checks.code_identifiers("{{" * (size // 2), ""),
            checks.code_identifiers("a" * size + " http://" + "b" * size, ""),
        ),
    }


def _promise_numbers(text: str) -> object:
    from behaviordiff.detect import jointrule

    return jointrule._numbers(text)


def _split_facts() -> object:
    """A change whose rule the new prompt splits by a line (a deposit that counted in full
    "however long" now counts half past 3 years): what `splitcase` reads every unit for."""
    from behaviordiff.drafting.facts import ChangeFacts, Rule

    lead = "Part of the deposit counts towards the next lease, depending on how long they leased:"
    new = "leased for more than 3 years: 50% of the deposit counts."
    return ChangeFacts(
        id="C1",
        title="100% → 50%",
        kind="promises",
        facets=["promises"],
        probe_ids=["p1"],
        rules=[
            Rule("H2", "sentence_added", "Lease", None, new, "added"),
            Rule(
                "H1",
                "sentence_changed",
                "Lease",
                "100% of the deposit counts towards the next lease, however long they leased.",
                lead,
                "changed",
            ),
        ],
        prompt_sections={"Lease": [lead, new]},
    )


def _told_split() -> Any:
    """An every-case fee rule split by notice, its told outcome "fee is kept"."""
    from behaviordiff.drafting.splitcase import CaseSplit

    return CaseSplit(
        old="The fee is non-refundable, however early you cancel.",
        old_words=frozenset({"fee", "kept", "cancel", "refundable"}),
        new="If the guest cancels 9 or more days before, refund the fee.",
        said="If you cancel 9 or more days before, we refund the fee.",
        handling=frozenset({"fee", "cancel", "refundable"}),
        claim="The fee is non-refundable",
        case_head="If you cancel 9 or more days before",
        new_replies=("Your fee is refunded.",),
        told=("fee is kept",),
    )


def _split_edit(module: Any, make: str, split: object, reason: str, body: str) -> object:
    """`module`'s edit of an article of `body` whose units with a number or "every" conflict
    for `reason`, the change's split (`make`, read from the facts) given as `split`: the child
    process this runs in is the only one that sees the stub."""
    from behaviordiff.drafting.text import units
    from behaviordiff.kb.model import KnowledgeItem

    setattr(module, make, lambda _facts: split)
    item = KnowledgeItem(
        kind="article", id="1", title="t", body=body, body_format="markdown", source="s", record="r"
    )
    found = units(body)
    conflicts = [
        SimpleNamespace(sentence=unit.text, reasons=(reason,))
        for unit in found
        if "every" in unit.text or any(char.isdigit() for char in unit.text)
    ]
    impact = SimpleNamespace(item=item, conflicts=conflicts, units=found)
    edit = {"case_channel": "case_channel_edit", "every_split": "every_split_edit"}
    return getattr(module, edit.get(make, "split_tail_edit"))(None, impact)


def _table_rows_ranked(size: int) -> object:
    """`rank_items` on one article made of a table whose every row states a moved upper limit
    (up to 10 climbers, now 8): each row's header and each paragraph read once per item."""
    from behaviordiff.detect.model import Condition
    from behaviordiff.drafting.facts import ChangeFacts, Rule
    from behaviordiff.drafting.impact import rank_items
    from behaviordiff.drafting.rules import rule_moves
    from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

    old, new = "A group session takes up to 10 climbers.", "A group session takes up to 8 climbers."
    facts = ChangeFacts(
        id="C1",
        title="now calls book_session",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "climbers > 8",
                    "atoms": [{"feature": "climbers", "op": ">", "value": 8}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 12},
                }
            )
        ],
        others=12,
        rules=[Rule("H1", "sentence_changed", "Group sessions", old, new, "changed")],
    )
    facts.moves = rule_moves(facts.rules)
    row = "| Group session | up to 10 climbers, with one instructor |\n"
    body = "# Sessions\n\n| Kind | Size |\n|---|---|\n" + row * (size // len(row))
    item = KnowledgeItem(
        kind="article", id="1", title="t", body=body, body_format="markdown", source="s", record="r"
    )
    return rank_items(facts, KnowledgeBase([item]))


def _split_claims_ranked(size: int) -> object:
    """`rank_items` and the template's edit on one article of a value split by case, repeating a
    paragraph whose sentences claim it for every case ("That's the same for every bike,
    whether it's a standard bike or an e-bike.") and a table row claiming it for every kind:
    `splitclaim`'s readers, once per unit and side."""
    from behaviordiff.detect.model import Condition
    from behaviordiff.drafting.facts import ChangeFacts, Rule
    from behaviordiff.drafting.impact import rank_items
    from behaviordiff.drafting.rules import rule_moves
    from behaviordiff.drafting.template import TemplateDrafter
    from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

    old, new = "The deposit is £50.", "The deposit is £150 for e-bikes and £50 for standard bikes."
    facts = ChangeFacts(
        id="C1",
        title="now calls charge_fee",
        kind="actions",
        facets=["actions"],
        probe_ids=["p1", "p2", "p3"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "bike_type = e-bike",
                    "atoms": [{"feature": "bike_type", "op": "=", "value": "e-bike"}],
                    "changed": {"matched": 3, "total": 3},
                    "others": {"matched": 0, "total": 12},
                }
            )
        ],
        others=12,
        rules=[Rule("H1", "sentence_changed", "Deposits", old, new, "changed")],
    )
    facts.moves = rule_moves(facts.rules)
    said = (
        "We take a deposit of £50 when you collect. That's the same for every bike, whether "
        "it's a standard bike, a tandem, an e-bike" + ", a bike" * 40 + " or an e-bike. "
    )
    rows = "| Deposit | £50, for every bike |\n"
    body = (
        "# Deposits\n\n" + said * (size // (2 * len(said)) + 1) + "\n\n| | Details |\n|---|---|\n"
    )
    body += rows * (size // (2 * len(rows)) + 1)
    item = KnowledgeItem(
        kind="article", id="1", title="t", body=body, body_format="markdown", source="s", record="r"
    )
    return [
        TemplateDrafter().edit(facts, each) for each in rank_items(facts, KnowledgeBase([item]))
    ]


def _carveout_long(size: int) -> object:
    """The carve-out readers on sentences of `size` characters: a claim and many names, many
    commas, many conjunctions (each is read up to `carveout._MAX` characters)."""
    from behaviordiff.drafting import carveout

    named = carveout.case_pattern("the islands")
    texts = [
        "We deliver anywhere, " + "the islands and the coast included, " * (size // 36) + "ok.",
        "anywhere " * (size // 9) + "the islands.",
        "You can swap " + "as many times as you like, free, " * (size // 33) + "ok.",
        "a, " * (size // 3) + "and the islands",
    ]
    out: list[object] = []
    for text in texts:
        out.append(carveout.carved_out(text, named))
        out.append(
            carveout.without_claim(text, frozenset({"swap", "free"}), lambda t: set(t.split()))
        )
        claim = carveout.place_claim(text, frozenset({"region"}))
        out.append(claim and carveout.excepted(text, claim, "the islands"))
    return out


def _moved_group_long(size: int) -> object:
    """`movedgroup._rewrites` on an article of `size` characters: headings naming the groups,
    many list items on the topic under each, and a long table with a column per group."""
    from behaviordiff.drafting.movedgroup import MovedGroup, _rewrites
    from behaviordiff.drafting.text import units

    moved = MovedGroup(
        "silver", frozenset({"basic"}), frozenset({"gold"}), frozenset({"courier", "collect"})
    )
    items = "- Courier collection: £4.95 each\n" * (size // 90)
    rows = "| Courier collection | £4.95 | £4.95 | Free |\n" * (size // 90)
    text = (
        f"## Gold\n\n{items}\n## Silver\n\n{items}\n"
        f"| | Basic | Silver | Gold |\n|---|---|---|---|\n{rows}\n"
        + "Basic or Silver members pay for courier collection. "
        * (size // 200)
    )
    return _rewrites(moved, units(text))


def _paragraph_ranked(size: int) -> object:
    """`rank_items` on one article whose one paragraph repeats a sentence stating a moved
    line's old value (parking free for every stay up to 4 hours; now stays over 2 hours pay
    £3): the checks of the sentences beside a conflict (the other side of the line, a worked
    example) read each sentence once per move, not once per conflict beside it."""
    from behaviordiff.detect.model import Condition
    from behaviordiff.drafting.facts import ActionFact, ChangeFacts, MovedValue, Rule
    from behaviordiff.drafting.impact import rank_items
    from behaviordiff.drafting.rules import rule_moves
    from behaviordiff.kb.model import KnowledgeBase, KnowledgeItem

    action = ActionFact("add_parking")
    probes = ("p1", "p2", "p3", "p4")
    facts = ChangeFacts(
        id="C1",
        title="add_parking: charge 0 → 3",
        kind="actions",
        facets=["actions", "promises"],
        probe_ids=list(probes),
        after_actions=[action],
        before_actions=[action],
        conditions=[
            Condition.from_dict(
                {
                    "text": "2 < stay_hours <= 4",
                    "atoms": [
                        {
                            "feature": "stay_hours",
                            "op": "between",
                            "low": 2,
                            "high": 4,
                            "low_inclusive": False,
                            "high_inclusive": True,
                        }
                    ],
                    "changed": {"matched": 4, "total": 4},
                    "others": {"matched": 0, "total": 10},
                }
            )
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Parking",
                "Parking is free for every stay up to 4 hours.",
                "Parking is free for stays up to 2 hours.",
                "changed",
            ),
            Rule(
                "H2",
                "sentence_changed",
                "Parking",
                "Log each car with `add_parking` (plate, charge 0) and tell them parking is free.",
                "Stays over 2 hours and up to 4 hours have a £3 parking charge.",
                "changed",
            ),
        ],
        others=10,
        moved=[MovedValue(action, "charge", tuple((p, 0.0, 3.0) for p in probes))],
    )
    facts.moves = rule_moves(facts.rules)
    sentence = (
        "Parking is on us for every stay up to 4 hours, nothing more to pay. "
        "The café is open daily. "
    )
    body = "# Parking\n\n" + sentence * (size // len(sentence))
    item = KnowledgeItem(
        kind="article", id="1", title="t", body=body, body_format="markdown", source="s", record="r"
    )
    return rank_items(facts, KnowledgeBase([item]))


def _glossed_span(text: str) -> object:
    from behaviordiff.drafting.glosses import glossed_span

    found = re.search(r"30 days", text)
    return glossed_span(text, found) if found else None


def _loops(size: int) -> dict[str, Callable[[], object]]:
    from behaviordiff.detect.conditions import moved_bounds, stated_boundaries
    from behaviordiff.detect.facts import Promise
    from behaviordiff.detect.model import Condition
    from behaviordiff.drafting import (
        bandgrant,
        casechannel,
        casecharge,
        categories,
        categorydrop,
        channels,
        checks,
        countband,
        droppedoption,
        everycharge,
        everysplit,
        groupcharge,
        impact,
        keptrules,
        liftedcase,
        loweredcount,
        narrowed,
        narrowedrange,
        newcharge,
        oftenlimit,
        oldside,
        perwhole,
        promptrule,
        proofstep,
        rules,
        splitcase,
        splittail,
        vaguercase,
        waivedline,
    )
    from behaviordiff.drafting.categories import category_pattern
    from behaviordiff.drafting.facts import ChangeFacts
    from behaviordiff.drafting.keptvalue import held_elsewhere
    from behaviordiff.drafting.promptrule import NewRule
    from behaviordiff.drafting.rules import RuleMove
    from behaviordiff.drafting.text import units
    from behaviordiff.drafting.timedrop import time_pattern

    moved_time = RuleMove(
        "H1",
        "Every student gets a printed certificate, posted within 10 working days.",
        "",
        "10 working days",
        "2 working days",
        "value",
        category="online",
    )
    channel = casechannel.CaseChannel(
        "online",
        "Online students get a PDF certificate by email instead",
        "PDF certificate by email",
        moved_time,
    )
    by_case = everysplit.EverySplit(
        "one",
        1.0,
        "",
        2.0,
        "visit",
        "guest",
        "one guest free on every visit",
        "two guests free on weekday visits and one guest free on weekend visits",
        "Members can bring one guest free on every visit",
    )
    tail = splittail.SplitTail(
        Promise("amount", "£20"),
        Promise("amount", "£10"),
        "on every late return",
        "when the item is less than 3 days late, and a £10 fee once it is 3 days late or more",
        "£20",
    )
    lifted = liftedcase.LiftedCase(
        frozenset({"label"}), frozenset({"swap"}), "Labelled can't swap.", "Labelled swap."
    )
    grant = bandgrant.BandGrant(
        "member",
        "aged 25 and over",
        25,
        25,
        "member_age",
        ("van",),
        "can book a van",
        None,  # type: ignore[arg-type]
    )
    kiln = RuleMove(
        "H1",
        "Kiln firings are done within 5 days.",
        "Kiln firings are done within 3 days.",
        "5 days",
        "3 days",
        "value",
    )
    step = proofstep.ProofStep(
        "order_reprint",
        "a photo",
        "ask them to send a photo",
        "ask you to send a photo",
        None,
        "r",
        frozenset({"misprint"}),
        frozenset({"photo"}),
    )
    checked = proofstep.ProofStep(
        "book_slot",
        "your waiver",
        "check your waiver",
        "check your waiver",
        None,
        "r",
        frozenset({"slot"}),
        frozenset({"waiver"}),
        "we've checked your waiver",
    )
    charge = casecharge.CaseCharge(
        "Full valets carry a £15 weekend fee.",
        None,
        "£15",
        "a £15 weekend fee",
        (frozenset({"weekend"}),),
        (frozenset({"full", "valet"}),),
        frozenset(),
        frozenset(),
        (),
    )
    band = countband.CountBand(
        "party_size",
        16.0,
        30.0,
        Promise("money", "£30.00"),
        Promise("money", "£50.00"),
        frozenset({"party", "skater"}),
    )
    denials = "No extra charge at the weekend. " * (size // 32)
    every = everycharge.EveryCharge(
        None,  # type: ignore[arg-type]
        "£2",
        "gift note",
        "A gift note costs £2.",
        (frozenset({"note"}),),
        frozenset({"handwritten", "note"}),
    )
    its_free = "We add a handwritten card, and it's free. " * (size // 40)
    grouped = groupcharge.GroupCharge(
        every,
        NewRule("p", "If you didn't order online", "a gift note costs £2"),
        NewRule("p", "If you ordered online", "the gift note is free"),
        "if you didn't order online",
        "if you ordered online",
        frozenset({"order", "onlin"}),
        frozenset(),
    )
    notes_free = "Gift notes are always free, whatever you order. " * (size // 48)

    ranged = narrowedrange.NarrowedRange(
        "Saturday",
        "Monday to Saturday",
        "Monday to Friday",
        frozenset({"express"}),
        "We no longer offer express on Saturdays.",
        frozenset({"4pm", "1pm"}),
        narrowedrange._claim_pattern("Saturday", "day", "Monday"),
        re.compile(r"\bSaturdays?\b", re.I),
    )
    claims = (
        "Express runs " + "any day, even on a Saturday, Saturdays included, " * (size // 50) + "ok."
    )
    dropped_days = "Express is ready at 4pm" + ", or on a Saturday" * (size // 18) + "."
    express_row = "| Express | " + "from 1pm on a Saturday, " * (size // 24) + "x |"

    def ranged_body() -> object:
        for text in (claims, dropped_days, express_row):
            marked = {unit.text for unit in units(text)}
            narrowedrange.narrowed_body(ranged, text, "markdown", marked)
        return None

    def group_free() -> object:
        notes_units = units(notes_free)
        marked = groupcharge._denying(grouped, notes_free, notes_units)
        said = {notes_units[index].text for index in marked}
        return groupcharge.group_charged_body(grouped, notes_free, "markdown", said)

    its_new = " ".join(f"Word{i} it's free." for i in range(size // 17))
    plain = "Ab cd. " * (size // 7)

    shape = time_pattern("3 working days")
    assert shape is not None
    case = vaguercase.VaguerCase(
        "klarna",
        "3 working days",
        "as soon as Klarna has processed it",
        "r",
        category_pattern("klarna"),
        re.compile(shape.pattern + vaguercase._GLOSS, re.I),
        frozenset(),
        frozenset({"refund"}),
    )
    macro = "Klarna pays within 3 working days. " * (size // 35)

    def vaguer() -> object:
        setattr(vaguercase, "vaguer_case", lambda facts: case)  # noqa: B010
        return vaguercase.vaguer_case_conflicts(
            cast(ChangeFacts, None),
            units(macro),
            [],
            lambda index, *rest: SimpleNamespace(unit_index=index),
        )

    whole = perwhole.PerWhole("item", "order", "Gift wrapping", "r", None, "s")
    wraps = "Gift wrapping is free for each item. Other stuff. " * (size // 50)

    drop = categorydrop.CategoryDrop(
        cast(Any, SimpleNamespace(old="o", new="n")),
        "veteran",
        "proof",
        frozenset({"discharge", "certificate"}),
        "",
    )
    body = "Before we add your veteran discount, please send your discharge certificate."
    reply = "\n".join(f"- Item {i} is fine." for i in range(size // 20))

    def unsaid() -> object:
        setattr(categorydrop, "category_drop", lambda rules, conditions: drop)  # noqa: B010
        return categorydrop.category_drop_unsaid([], [], body, reply)

    said = cast(
        Any,
        SimpleNamespace(
            excerpts=[SimpleNamespace(old="We send a reminder within 3 days. " * (size // 34))]
        ),
    )
    kb = [f"Item {i} is checked within 3 days by our team." for i in range(size // 400)]

    def alike() -> object:
        from behaviordiff.drafting import impact

        return [impact._said_alike(said, "3 days", sentence) for sentence in kb]

    hours = cast(
        Any,
        SimpleNamespace(
            excerpts=[SimpleNamespace(old="We send a reminder within 72 hours. " * (size // 36))]
        ),
    )
    working = [f"Item {i} is checked within 3 working days." for i in range(size // 400)]

    def alike_spoken() -> object:
        from behaviordiff.drafting import impact

        return [impact._said_alike(hours, "72 hours", sentence) for sentence in working]

    limit = oftenlimit.OftenLimit(
        cast(Any, None), 1, "one free guest pass a month", "free guest pass", "one", "a month",
        frozenset({"guest", "pass"}),
    )  # fmt: skip
    passes = "Guest passes are free, whenever you need one. Ask at the desk. " * (size // 63)

    lowered = loweredcount.LoweredCount(
        cast(Any, None), 3, 2, "pas", frozenset({"guest", "pas", "renew"}), ("standard",)
    )

    waived = waivedline.WaivedLine(
        40.0, "24", "made less than 24 hours before departure", frozenset({"chang"}), "new"
    )
    once = loweredcount.LoweredCount(
        cast(Any, None), 2, 1, "clean", frozenset({"clean"}), (), frozenset({"servic"})
    )

    def often() -> object:
        text_units = units(passes)
        claims = [u for u in text_units if oftenlimit.claims_however_often(limit, u.text)]
        said = [oftenlimit.within_limit(limit, u.raw) for u in claims]
        return said, oftenlimit._paragraph_end(passes, text_units, 0)

    from behaviordiff.drafting import categoryroute

    route = categoryroute.CategoryRoute(
        old_team="Workshop",
        new_team="Battery Team",
        categories=frozenset({"battery"}),
        said="battery faults go to our Battery Team",
        rule="r",
        values=("battery",),
        others=("frame",),
        told="the Battery Team will call you within 1 working day",
        kept_told="the Workshop will email you within 3 working days",
    )
    listed = "Whatever you ride, " + "a frame, " * (size // 9) + "a battery, our Workshop emails."
    row = "| Batteries | Workshop |" + " By email within 3 working days," * (size // 32) + " |"

    from behaviordiff.drafting.facts import Rule

    towel = cast(
        Any,
        SimpleNamespace(
            rules=[
                Rule(
                    "H1",
                    "sentence_changed",
                    "Desk",
                    "We don't hand out free towels.",
                    "If the total is over £50, give them a free towel.",
                    "s",
                )
            ],
            prompt_sections={"Desk": ["If the total is over £50, give them a free towel."]},
            condition=None,
            conditions=[],
            tag_topics={},
        ),
    )
    towels = "We don't hand out free towels, whatever you spend. " * (size // 51)

    def denied() -> object:
        return oldside.old_side_conflicts(
            towel, units(towels), [], lambda index, *rest: SimpleNamespace(unit_index=index)
        )

    def rewritten() -> object:
        item_units = units(towels)
        conflicts = oldside.old_side_conflicts(
            towel,
            item_units,
            [],
            lambda index, text, reasons: SimpleNamespace(
                unit_index=index, sentence=text, reasons=reasons
            ),
        )
        view = SimpleNamespace(
            item=SimpleNamespace(body=towels, body_format="text", kind="macro"),
            conflicts=conflicts,
            units=item_units,
        )
        return oldside.old_side_edit(towel, cast(Any, view))

    def beside() -> object:
        item_units = units(towels)
        view = SimpleNamespace(
            item=SimpleNamespace(body=towels, body_format="text", kind="macro"),
            conflicts=[
                SimpleNamespace(sentence=unit.text, reasons=("a class rule's reason",))
                for unit in item_units
            ],
            units=item_units,
        )
        found = oldside.old_side_view(towel, cast(Any, view))
        return found and oldside.old_side_edit(towel, found)

    # the prompt-rule writer: a huge hostile new rule, and a paragraph of every-case claims
    hostile_rule = "Members who aren't not no: " + "tell the customer (a: b) `x_y` and " * (
        size // 40
    )
    claims = "Our van brings it free of charge, for any rider, whichever bike you choose. " * (
        size // 76
    )
    pedal = cast(
        Any,
        SimpleNamespace(
            rules=[
                Rule(
                    "H1",
                    "sentence_changed",
                    "Delivery",
                    "Delivery is free for every rider.",
                    "Delivery is free for members.",
                    "s",
                ),
                Rule("H2", "sentence_added", "Delivery", None, hostile_rule, "s"),
            ],
            prompt_sections={"Delivery": ["Delivery is free for members.", hostile_rule]},
            next_steps={},
            moved=[],
            before_actions=[],
            after_actions=[],
            restricted=True,
            whole_topic=False,
            condition=SimpleNamespace(
                atoms=[SimpleNamespace(feature="member", op="=", value=False)]
            ),
            # a category the claims are over ("every rider"), read by `aligned_finder`
            conditions=[
                Condition.from_dict(
                    {
                        "text": "rider = member",
                        "atoms": [{"feature": "rider", "op": "=", "value": "member"}],
                    }
                )
            ],
        ),
    )

    from behaviordiff.drafting import datedoffer
    from behaviordiff.drafting.facts import Rule

    dated = ChangeFacts(
        id="C1",
        title="no longer calls book_reshoot",
        probe_ids=["p1"],
        kind="actions",
        facets=["actions"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "booked_on >= 2026-11-01",
                    "atoms": [{"feature": "booked_on", "op": ">=", "value": "2026-11-01"}],
                }
            )
        ],
        rules=[
            Rule(
                "H1",
                "sentence_added",
                "Reshoots",
                None,
                "Sessions booked from 1 November 2026 no longer include a free "
                + "reshoot " * (size // 8)
                + ".",
                "added",
            ),
            Rule(
                "H2",
                "sentence_added",
                "Reshoots",
                None,
                "Sessions booked from 1 November 2026 no longer include a free reshoot.",
                "added",
            ),
        ],
    )
    every_claims = (
        "Every session "
        + "we a " * (size // 10)
        + "is free. "
        + "Reshoots are always free, whenever you booked. " * (size // 50)
        + "\n\nEvery session includes:\n\n"
        + "- A free reshoot reshoot\n" * (size // 30)
    )

    def dated_claims() -> object:
        item_units = units(every_claims)
        found = datedoffer.dated_offer_conflicts(dated, "Reshoots", item_units, [], impact.Conflict)
        view = SimpleNamespace(
            item=SimpleNamespace(
                body=every_claims, body_format="markdown", kind="article", title="Reshoots"
            ),
            conflicts=found,
            units=item_units,
        )
        return datedoffer.dated_offer_edit(dated, cast(Any, view))

    def prompt_rule() -> object:
        item_units = units(claims)
        view = SimpleNamespace(
            item=SimpleNamespace(body=claims, body_format="text", kind="macro", title="Delivery"),
            conflicts=[],
            units=item_units,
        )
        find = promptrule.aligned_finder(pedal)
        if find is not None:
            find(item_units)
        return promptrule.prompt_rule_edit(pedal, cast(Any, view))

    return {
        "promptrule voiced, a huge hostile rule": lambda: promptrule.voiced(hostile_rule),
        "promptrule table header, a row then a run of spaces": lambda: promptrule._is_header(
            "| a | b |\n" + " " * size + "x", "| a | b |"
        ),
        "droppedoption last item, ', or cash' repeated": lambda: droppedoption._without_last(
            droppedoption.DroppedOption("cash", "x"), ", or cash" * (size // 9) + "("
        ),
        "droppedoption refusal split, a run of spaces": lambda: droppedoption._REFUSAL_SPLIT.split(
            "a" + " " * size + "x"
        ),
        "vaguercase likeness, a run of spaces": lambda: vaguercase._LIKE_OTHERS.match(
            ", like " + " " * size + "x"
        ),
        "splitcase reason lead, 'as' then spaces": lambda: splitcase._REASON_LEAD.match(
            "as " + " " * size + "x"
        ),
        "channels bound tail, ', so' then spaces then a comma": lambda: (
            channels._without_bound_tail("we'll email you, so " + " " * size + "x, y.", "email")
        ),
        "channels bound tail, ', and (' repeated": lambda: channels._without_bound_tail(
            "we'll email you" + ", and (" * (size // 7) + " spam.", "email"
        ),
        "channels cell channels, 'how' and 'by' repeated": lambda: channels.cell_channels(
            "| how " * (size // 6) + "|", "| by " * (size // 5) + "|"
        ),
        "categories whether-alternatives, 'whether whether …'": lambda: (
            categories._WHETHER_OR.search("whether " * (size // 8)),
            categories._RANGE.search("from " * (size // 5)),
        ),
        "impact when clause, 'the moment' repeated": lambda: impact._WHEN_CLAUSE.sub(
            "", "a" + " the moment" * (size // 11)
        ),
        "categories same lead, 'it's the same on both' then spaces": lambda: (
            categories._SAME_LEAD.match("It's the same on both" + " " * size + "x")
        ),
        "freewords, 'never not never' repeated": lambda: newcharge.ABSENCE.search(
            "never not any " * (size // 14) + "x"
        ),
        "freewords, 'don't don't cost' repeated": lambda: newcharge.ABSENCE.search(
            "don't never charge you " * (size // 23) + "x"
        ),
        "groupcharge _denying and body, a paragraph of 'always free'": group_free,
        "groupcharge _paid and _WHO, 'pay £3 for pay' repeated": lambda: (
            groupcharge._paid("pay £3 for " * (size // 11) + "x"),
            groupcharge._WHO.match("Visitors with " + "a " * (size // 2) + "pay"),
        ),
        "narrowedrange body, claims and the dropped day repeated": ranged_body,
        "narrowedrange range, 'a to a to a' in a prompt rule": lambda: narrowedrange._RANGE.findall(
            "ab to " * (size // 6) + "x"
        ),
        "workweeks, a huge run of weeks": lambda: rules.where_stated(
            "5 working days", "a week, " * (size // 8)
        ),
        "promptrule aligned units and edit, every-case claims": prompt_rule,
        "datedoffer conflicts and edit, every-case claims of a dated offer": dated_claims,
        "oldside conflicts, a paragraph of denials": denied,
        "oldside view and edit, denials a class rule marked": beside,
        "categoryroute _list_narrowed, a long list": lambda: categoryroute._list_narrowed(
            route, listed
        ),
        "categoryroute _claim_narrowed, 'whatever , whatever …'": lambda: (
            categoryroute._claim_narrowed(route, "Whatever, " + ", whatever x" * (size // 12))
        ),
        "categoryroute _lead_end, 'whether, it, it …'": lambda: categoryroute._lead_end(
            "Whatever, whether" + ", it" * (size // 4)
        ),
        "categoryroute _TOOL_PHRASE, 'with `a` with `a` …'": lambda: categoryroute._TOOL_PHRASE.sub(
            "", " with `a` (" * (size // 11)
        ),
        "categoryroute _team_pattern, spaces": lambda: categoryroute._team_pattern(
            "Workshop team"
        ).search("our" + " " * size + "x"),
        "categoryroute _row_route, a long row": lambda: categoryroute._row_route(route, row),
        "oldside edit, a paragraph of denials": rewritten,
        "impact _said_alike, a long reply x KB sentences": alike,
        "impact _said_alike, another measure, a long reply x KB sentences": alike_spoken,
        "oftenlimit claims and rewrites, one paragraph": often,
        "casecharge _denying, one paragraph": lambda: casecharge._denying(
            charge, plain, units(plain)
        ),
        "casecharge _denying, paragraph of denials": lambda: casecharge._denying(
            charge, denials, units(denials)
        ),
        "everycharge free_units, a paragraph of 'it's free'": lambda: everycharge.free_units(
            every, its_free, units(its_free)
        ),
        "everycharge free_units, a paragraph of new words": lambda: everycharge.free_units(
            every, its_new, units(its_new)
        ),
        "everycharge charged_text, a long sentence of 'is is is'": lambda: everycharge.charged_text(
            every, "The note " + "is " * (size // 3) + "free."
        ),
        "everycharge charged_text, a long row": lambda: everycharge.charged_text(
            every, "| Gift note | " + "free " * (size // 5) + "|"
        ),
        "everycharge said, 'tell tell tell'": lambda: everycharge._TELL.split(
            "; tell" * (size // 6) + " them"
        ),
        "vaguercase conflicts, a long macro": vaguer,
        "perwhole per_whole_units, one paragraph": lambda: perwhole.per_whole_units(
            whole, wraps, units(wraps)
        ),
        "categorydrop unsaid, a long model list": unsaid,
        "countband counts_said, 'a party of 8 to 9 …'": lambda: countband.counts_said(
            band, "a party of 8 to 9 or " * (size // 20) + "x"
        ),
        "countband _split_row, a long key cell": lambda: countband._split_row(
            band, "| 8 to " + "9 " * (size // 2) + "skaters | £30 | x |"
        ),
        "categories without_same_aside, ', which is the same …'": lambda: (
            categories.without_same_aside(
                ", which is the same for every " * (size // 30) + "(", frozenset({"party"})
            )
        ),
        "loweredcount rewrite, 'first three guest passes are …'": lambda: loweredcount._rewritten(
            lowered, "your first three guest passes are " * (size // 34)
        ),
        "loweredcount marked, 'Standard, three three …'": lambda: loweredcount._sentence_marked(
            lowered, "Standard, Gold " + "three guest passes " * (size // 19)
        ),
        "loweredcount twice, 'twice twice …' in a long clause": lambda: loweredcount._rewritten(
            lowered, "renew " + "twice " * (size // 6)
        ),
        "loweredcount both, 'both of both of …' before the noun": lambda: loweredcount._rewritten(
            once, "both of " * (size // 8) + "services"
        ),
        "loweredcount phrase, 'two free and and … services'": lambda: loweredcount._rewritten(
            once, "two free " + "and clean " * (size // 10) + "services"
        ),
        "waivedline narrowed, ', however far ahead however …'": lambda: waivedline._narrowed(
            waived, "Each change costs £40" + ", however far ahead" * (size // 19) + "."
        ),
        "waivedline one_of, 'any any any … change'": lambda: waivedline._one_of(
            waived, "any " * (size // 4) + "change costs £40"
        ),
        "waivedline marked, '£40 change £40 change …'": lambda: waivedline.waived_sentences(
            waived, units("Each change costs £40, " * (size // 23) + "every time.")
        ),
        "proofstep denies_asked, 'no no no …'": lambda: proofstep.denies_asked(
            step, "no " * (size // 3) + "x"
        ),
        "proofstep said_instead, 'no photos, no photos, …'": lambda: proofstep.said_instead(
            step, "We do it straight away, " + "no photos, " * (size // 11) + "ok."
        ),
        "proofstep at once, 'as soon as, straight away, …'": lambda: (
            proofstep.at_once_claim(step, "we reprint " + "as soon as, " * (size // 12), "x"),
            proofstep.said_instead(
                checked, "We book it " + "straight away, as soon as we can, " * (size // 34)
            ),
        ),
        "conditions moved_bounds, 'two free two free …'": lambda: moved_bounds(
            [("two free " * (size // 9), "one free " * (size // 9))]
        ),
        "impact context, a list of many items led by a colon": lambda: impact._context(
            "Lead:\n\n" + "- a\n" * (size // 4),
            units("Lead:\n\n" + "- a\n" * (size // 4)),
            size // 4,
            "t",
        ),
        "keptvalue held_elsewhere, a long untouched section": lambda: held_elsewhere(
            [Promise("duration", "24 hours")],
            [("Fees are kept.", "Fees come back.")],
            ["Fees"],
            {"Moves": [f"Move it with {i} hours' notice." for i in range(size // 28)]},
        ),
        "conditions stated_boundaries, '1 to 2 to …'": lambda: stated_boundaries(
            ["1 to " * (size // 5) + "2 skaters"]
        ),
        "impact rank_items, a table of conflicting rows": lambda: _table_rows_ranked(size),
        "splitclaim rank and edit, claims of a split value": lambda: _split_claims_ranked(size),
        "impact rank_items, a paragraph of one conflicting sentence": lambda: _paragraph_ranked(
            size
        ),
        "conditions stated_boundaries, a run of digits": lambda: stated_boundaries(
            ["1" * size + "x"]
        ),
        "bandgrant marks and edits, 'whatever whatever …', '| 1 | 1 |' rows": lambda: (
            bandgrant._marked(
                grant,
                units(
                    "any " * (size // 8)
                    + "members vans. "
                    + "whatever " * (size // 18)
                    + "members vans x. "
                    + "| age | vans |\n"
                    + "| 1 to 2 | yes |\n" * (size // 32)
                ),
            ),
            bandgrant.limited_sentence(grant, "Whatever " * (size // 9) + "any member van"),
            bandgrant._parted("a " * (size // 2) + "b", "a " * (size // 2) + "c b"),
        ),
        "proofstep denying, a long table of rows": lambda: proofstep._denying(
            step,
            "t",
            units("| What | Need |\n|---|---|\n" + "| misprint | nothing |\n" * (size // 22)),
        ),
        "keptrules kept_units, a long paragraph stating the value": lambda: (
            lambda text: (
                lambda said: keptrules.kept_units(
                    [kiln],
                    ["Glazes are mixed within 5 days."],
                    said,
                    impact._paragraphs(text, said),
                    impact._Contexts(text, said, "t"),
                    frozenset({"kiln"}),
                )
            )(units(text))
        )("A pot is fired within 5 days. " * (size // 30)),
        "bandgrant marks, long table under a wide header": lambda: bandgrant._marked(
            grant,
            units(
                "| age "
                + "| cars " * (size // 14)
                + "| vans |\n"
                + "| 1 to 2 | x | yes |\n" * (size // 40)
            ),
        ),
        "narrowed others lead and row, 'who aren't a a …', '| Free | Free …'": lambda: (
            narrowed._OTHERS_LEAD.match("For customers who aren't " + "a " * (size // 2) + ","),
            narrowed._OTHERS_LEAD.match("For a a " + "a " * (size // 2) + "without x,"),
            narrowed.claims_offer_for_all(
                narrowed.NarrowedOffer(
                    "free", frozenset({"collection"}), "members", frozenset({"member"}), None, None
                ),  # type: ignore[arg-type]
                "| Collection | " + "Free | " * (size // 7),
            ),
        ),
        "liftedcase marks, 'unworn, not labelled, …' and many list items": lambda: (
            liftedcase._marks(
                lifted,
                "## What can't you swap?\n\n" + "- a label swap\n" * (size // 15),
                units("## What can't you swap?\n\n" + "- a label swap\n" * (size // 15)),
                "Swaps",
            ),
            liftedcase.lifted_case_text(
                lifted,
                "Swaps if it is " + "unworn, not a label, " * (size // 21) + "and not labelled.",
                "Swaps",
            ),
            liftedcase._without_member(
                lifted, "If it's " + "unworn, " * (size // 8) + "and not not not label put in."
            ),
        ),
        "casechannel long table, rows of the old time": lambda: _split_edit(
            casechannel,
            "case_channel",
            channel,
            "",
            "| Study | Certificate |\n|---|---|\n"
            + "| Online | Printed, posted within 10 working days of passing |\n" * (size // 65),
        ),
        "casechannel many sentences, every-case claim": lambda: _split_edit(
            casechannel,
            "case_channel",
            channel,
            "",
            "Every certificate is posted within 10 working days, whichever way you studied. "
            * (size // 80),
        ),
        "everysplit many sentences, 'any day of …' claim": lambda: _split_edit(
            everysplit,
            "every_split",
            by_case,
            everysplit.EVERY_SPLIT_REASON,
            "Members can bring one guest free on every visit, any day of the week. " * (size // 70),
        ),
        "everysplit one long sentence, value repeated": lambda: everysplit.split_said(
            by_case, "Members " + "can bring one guest free " * (size // 25) + "on every visit."
        ),
        "splittail many sentences and rows, 'however …' claim": lambda: _split_edit(
            splittail,
            "split_tail",
            tail,
            splittail.SPLIT_TAIL_REASON,
            "A £20 fee on every late return, however late it is. " * (size // 104)
            + "| Late | £20 on every late return |\n" * (size // 70),
        ),
        "splittail one long sentence, £20 repeated": lambda: splittail.split_said(
            tail, "A " + "£20 fee, " * (size // 9) + "£20 fee on every late return."
        ),
        "checks restated_values, 'a year a year …' and many sentences": lambda: (
            checks.restated_values(["valid for a year " * (size // 17)], ["9 " * (size // 2)]),
            checks.restated_values(
                [f"valid {n} for a year" for n in range(size // 20)],
                [f"valid {n} for 9 months" for n in range(size // 20)],
            ),
        ),
        **_session_cases(size),
        **_evening_cases(size),
        **_test_shapes(size),
    }


def _body_edit(module: Any, make: str, made: object, edit: str, body: str) -> object:
    """`module`'s `edit` of an article of `body` whose every unit conflicts, the change's
    split or case (`make`, read from the facts) given as `made`: the child process this runs
    in is the only one that sees the stub."""
    from behaviordiff.drafting.text import units
    from behaviordiff.kb.model import KnowledgeItem

    setattr(module, make, lambda _facts: made)
    item = KnowledgeItem(
        kind="article", id="1", title="t", body=body, body_format="markdown", source="s", record="r"
    )
    found = units(body)
    reason = getattr(module, "APPENDED_CASE_REASON", "")
    conflicts = [SimpleNamespace(sentence=unit.text, reasons=(reason,)) for unit in found]
    return getattr(module, edit)(None, SimpleNamespace(item=item, conflicts=conflicts, units=found))


def _still(module: Any, make: str, made: object, still: str, body: str, facts: object) -> object:
    """`module`'s `still` check of an edited `body` (the old body the same), its change's case
    (`make`) stubbed as `made` in this child process only."""
    from behaviordiff.drafting.text import units

    setattr(module, make, lambda _facts: made)
    conflicts = [unit.text for unit in units(body)]
    return getattr(module, still)(facts, conflicts, body, body, "markdown")


def _session_cases(size: int) -> dict[str, Callable[[], object]]:
    """The drafting modules added on 2026-12-05 (equal values, a remeasured amount, an
    appended case, a kept side, a dropped option, another row, a split tail's kept rest, a
    lifted bound), each on the hostile shapes of the cases above."""
    from behaviordiff.detect.conditions import lifted_bound_of
    from behaviordiff.detect.facts import Promise
    from behaviordiff.detect.model import Atom
    from behaviordiff.detect.quantities import find_quantities, read_quantity
    from behaviordiff.drafting import (
        appendedcase,
        droppedoption,
        equalvalue,
        keptside,
        otherrow,
        splittail,
    )
    from behaviordiff.drafting.promptrule import NewRule
    from behaviordiff.drafting.remeasured import remeasured
    from behaviordiff.drafting.rules import RuleMove

    os_ = "Bikes taller than 2.0 metres go by freight."

    def equal(text: str) -> object:
        found = equalvalue.equal_statements("2.0", os_, text)
        return [
            (equalvalue.is_equal_statement(each), equalvalue.conversion_span(text, each.end()))
            for each in found
        ]

    def remeasure(text: str) -> object:
        new, old = read_quantity("5 working days"), read_quantity("2 days")
        assert new is not None and old is not None
        return [remeasured(new, old, like) for like in find_quantities(text)]

    case = appendedcase.AppendedCase(
        "We deliver within 3 miles of the shop.",
        "3 miles",
        "5 miles",
        ", or within 5 miles for members",
        frozenset({"member"}),
    )
    side = keptside.KeptSide(
        "Every parcel needs a signature on delivery",
        "Parcels with a declared value of £100 or more need a signature on delivery",
    )
    rest = NewRule(
        "Parcels under £100 don't need a signature.", None, "parcels under £100 need no signature"
    )
    lines = SimpleNamespace(condition=SimpleNamespace(atoms=(Atom("declared_value", ">=", 100),)))
    option = droppedoption.DroppedOption(
        "Mexico",
        "We deliver to the UK and Ireland.",
        service=frozenset({"deliveri", "deliv", "ship"}),
    )
    price = RuleMove(
        "H1", "A full service costs $80 and takes 90 minutes.", "", "$80", "$95", "value"
    )
    length = RuleMove(
        "H1",
        "A full service costs $80 and takes 90 minutes.",
        "",
        "90 minutes",
        "75 minutes",
        "value",
    )

    def kept_rest(old: str) -> object:
        facts = SimpleNamespace(
            restricted=True,
            conditions=[SimpleNamespace(atoms=(Atom("days_late", ">=", 3),))],
            removed_promises=[Promise("amount", "£20")],
            added_promises=[Promise("amount", "£10")],
            rules=[
                SimpleNamespace(
                    kind="sentence_changed",
                    old=old,
                    new="A £20 fee when the item is less than 3 days late, and a £10 fee once it "
                    "is 3 days late or more" + old[old.index(",") :],
                )
            ],
        )
        return splittail.split_tail(cast(Any, facts))

    def kept_side_edit(body: str) -> object:
        keptside.rest_rule = lambda _facts: rest
        return _body_edit(keptside, "kept_side", side, "kept_side_edit", body)

    return {
        "equalvalue equal statements, '2 metres, 2 metres, …'": lambda: equal(
            "over 2 metres (6 ft 7 in), " * (size // 27)
        ),
        "equalvalue digits, conversion and gloss in spaces": lambda: (
            equal("2 " * (size // 2)),
            equal("1" * size),
            equalvalue.conversion_span(" metres" + " " * size, 0),
            equalvalue.glossed_otherwise("2 metres" + " " * size + "(9 km)", 1, "2"),
        ),
        "remeasured, 'within two days, …' in one sentence": lambda: remeasure(
            "within two days, " * (size // 17)
        ),
        "remeasured, 'a couple of days.' thousands of sentences": lambda: remeasure(
            "Refunds take a couple of days. " * (size // 31)
        ),
        "appendedcase edit, thousands of '3 miles' sentences": lambda: _body_edit(
            appendedcase,
            "appended_case",
            case,
            "appended_case_edit",
            "We deliver within 3 miles of the shop, whatever the member. " * (size // 60),
        ),
        "appendedcase still_appended_unsaid, one long sentence": lambda: _still(
            appendedcase,
            "appended_case",
            case,
            "still_appended_unsaid",
            "We deliver within 3 miles " + "of the shop, " * (size // 13) + "whatever the member.",
            None,
        ),
        "appendedcase _TOKEN and words after, spaces": lambda: (
            list(appendedcase._TOKEN.finditer(" " * size)),
            appendedcase.appended_said(case, "We deliver within 3 miles" + " " * size + "of x."),
        ),
        "keptside edit, thousands of every-case claims": lambda: kept_side_edit(
            "Every parcel needs a signature on delivery, whatever its value. " * (size // 64)
        ),
        "keptside still_kept_side, a huge paragraph, ', ' runs": lambda: _still(
            keptside,
            "kept_side",
            side,
            "still_kept_side",
            "All parcels " + ", " * (size // 2) + "need a signature on delivery.",
            lines,
        ),
        "droppedoption still_offered, a 100k paragraph": lambda: _still_offered(
            droppedoption,
            option,
            " ".join(["Our Mexico showroom keeps the colour cards."] * (size // 44)),
        ),
        "droppedoption still_offered, 'Mexico, Mexico, …'": lambda: _still_offered(
            droppedoption, option, "We deliver to " + "Mexico, " * (size // 8) + "and Peru."
        ),
        "otherrow states_other_row, '$1 $1 …' and digits": lambda: (
            otherrow.states_other_row([price, length], price, "$80 " + "$1 " * (size // 3)),
            otherrow.states_other_row([price, length], price, "$80 $" + "1," * (size // 2)),
        ),
        "otherrow states_other_row, thousands of clauses": lambda: [
            otherrow.states_other_row([price, length], price, sentence)
            for sentence in ["It costs $80 and takes 40 minutes; " * 110] * (size // 4000 + 1)
        ],
        "splittail kept rest, ', ' runs after an every-case claim": lambda: kept_rest(
            "A £20 fee on every late return, " + ", " * (size // 2) + "and free over £60."
        ),
        "splittail kept rest, 'every order, every order, …'": lambda: kept_rest(
            "A £20 fee on every late return, " + "every order, " * (size // 13) + "x."
        ),
        "conditions lifted_bound_of, one long sentence": lambda: lifted_bound_of(
            "Gift cards are valid for 12 months from purchase, " + "and " * (size // 4),
            "Gift cards never expire.",
            "months_since_purchase",
            [12],
        ),
        "conditions lifted_bound_of, '12 months, 12 months, …'": lambda: lifted_bound_of(
            "Gift cards months " + "12 months, " * (size // 11),
            "x " * (size // 2),
            "months_since_purchase",
            [12],
        ),
    }


def _evening_cases(size: int) -> dict[str, Callable[[], object]]:
    """Text readers added on the evening of 2026-12-05 (count limits, phone numbers, the one
    tool-clause pattern, a labelled item, the figures a quoted row may keep) and a subset's
    lead-in and every-case words (`subsetvalue`), each on a hostile shape of `size`
    characters."""
    from behaviordiff.detect.countlimits import count_limits
    from behaviordiff.detect.quantities import phone_numbers
    from behaviordiff.drafting import labelledbound, quoteclause, subsetvalue
    from behaviordiff.drafting.rules import RuleMove
    from behaviordiff.drafting.text import TOOL_CLAUSE

    loan = RuleMove(
        "H1",
        "Books can be borrowed for 21 days.",
        "Members of five years or more: books can be borrowed for 42 days.",
        "21 days",
        "42 days",
        "value",
        scope="for members of five years or more",
        narrowed=True,
    )

    return {
        "countlimits count_limits, 'up to up to up to'": lambda: count_limits(
            "You can book " + "up to " * (size // 6) + "4 tickets."
        ),
        "countlimits count_limits, 'up to 4 ' runs": lambda: count_limits(
            "up to 4 tickets, " * (size // 17)
        ),
        "quantities phone_numbers, digit groups": lambda: phone_numbers(
            "Call 0" + " 12" * (size // 3)
        ),
        "quantities phone_numbers, '0-0-0' runs": lambda: phone_numbers("+" + "0-" * (size // 2)),
        "text TOOL_CLAUSE, spaces after a tool": lambda: list(
            TOOL_CLAUSE.finditer("Log it with `log_it`" + " " * size + "(a, b")
        ),
        "text TOOL_CLAUSE, open brackets": lambda: list(TOOL_CLAUSE.finditer("(" * size)),
        "labelledbound _labelled, a long item": lambda: labelledbound._labelled(
            "- " + "Age " * (size // 4) + ": 8+"
        ),
        "labelledbound _labelled, a wide row": lambda: labelledbound._labelled(
            "| Age |" + " 8+ |" * (size // 5)
        ),
        "quoteclause _figures, digits and commas": lambda: quoteclause._figures(
            "£1," * (size // 3)
        ),
        "subsetvalue without_every_case, 'for a for a …' runs": lambda: (
            subsetvalue.without_every_case("It takes 5 days, " + "for a " * (size // 6) + "x."),
            subsetvalue.without_every_case("It takes 5 days" + " to every" * (size // 9)),
        ),
        "subsetvalue without_every_case, spaces and 'whatever'": lambda: (
            subsetvalue.without_every_case("Whatever" + " " * size + "you do"),
            subsetvalue.without_every_case("It is," + " alike" * (size // 6) + " here."),
        ),
        "subsetvalue without_every_case, a move's value, spaces, then a claim": lambda: (
            subsetvalue.without_every_case(
                "Lent for 21 days" + " " * size + "x, for every member.", loan
            ),
            subsetvalue.without_every_case(
                "Lent for 21 days," + " " * size + "x, for all members", loan
            ),
        ),
        "subsetvalue lead_in, a prompt of names": lambda: subsetvalue.lead_in(
            "Eastport members: x.", ["We lend at Eastport " * (size // 20)]
        ),
        "subsetvalue lead_in, a long lead-in and spaces": lambda: (
            subsetvalue.lead_in("For " + "big " * (size // 4) + "orders, x."),
            subsetvalue.lead_in("Members" + " of a" * (size // 5) + ": x."),
            subsetvalue.lead_in("Members " + " " * size + "get x."),
        ),
        "lostsaid finder, a huge article of lost-word sentences": lambda: _lost_found(size, 1),
        "lostsaid LostSide, huge replies of one sentence each": lambda: _lost_found(size, 2),
        "lostsaid finder, a huge prompt of distinct kept sentences x a huge article": lambda: (
            _lost_found(size, 3)
        ),
        "companions, a huge paragraph of companions after the rewrite": lambda: _companions(
            size, 1
        ),
        "companions, a huge prompt of kept sentences x a huge article": lambda: _companions(
            size, 2
        ),
        "companions, long runs of spaces and clauses": lambda: _companions(size, 3),
        "companions, a huge paragraph asking for a withdrawn form": lambda: _companions(size, 4),
        "handedover, lead-ins of ours and long step lists": lambda: _handed_steps(size),
    }


def _test_shapes(size: int) -> dict[str, Callable[[], object]]:
    """The hostile inputs drafting tests once timed with a clock (the tests now assert only
    what the readers return on them), scaled to `size` characters: number words and long gaps
    before a currency, a long list before a kinds word, a denial of paperwork, a run of spaces
    before no colon, runs of spaces and negations before no refusal, and many sentences read
    against one change's rewritten part. (A table of conflicting rows is "impact rank_items, a
    table of conflicting rows" above.)"""
    from behaviordiff.detect.model import Condition
    from behaviordiff.detect.wordamounts import money_in_words
    from behaviordiff.drafting import promptrule, splitcase
    from behaviordiff.drafting.dropped import dropped_requirement, unneeded
    from behaviordiff.drafting.facts import ActionFact, ChangeFacts, FacetShift, Rule
    from behaviordiff.drafting.grantedcase import _REFUSAL
    from behaviordiff.drafting.joinedset import _list_around, joined_set, joined_text

    locksmith = ChangeFacts(
        id="C1",
        title="now calls book_job",
        kind="actions",
        facets=["actions", "refusal"],
        probe_ids=["p1", "p2"],
        others=8,
        after_actions=[ActionFact("book_job", (("short_notice", "true"),))],
        conditions=[
            Condition.from_dict(
                {
                    "text": "hours_until < 4 and job_type = vehicle",
                    "atoms": [
                        {"feature": "job_type", "op": "=", "value": "vehicle"},
                        {"feature": "hours_until", "op": "<", "value": 4},
                    ],
                }
            )
        ],
        rules=[
            Rule(
                "H1",
                "sentence_changed",
                "Short-notice jobs",
                "We take jobs less than 4 hours away only for lockout and security jobs.",
                "We take jobs less than 4 hours away only for lockout, security and vehicle jobs "
                "(car, van, motorbike).",
                "changed",
            )
        ],
        shifts=[FacetShift("refusal", "removed", ("p1", "p2"), 2, "Sorry.", "Done.", (), ())],
    )
    joined = cast(Any, joined_set(locksmith))  # None would print as "error"
    checked = (
        "You'll need the member's library card number first: check it with `check_card`, and "
        "only once it is valid issue the pass with `issue_guest_pass`."
    )
    unchecked = "No card is needed: issue the guest pass straight away with `issue_guest_pass`."
    card = cast(
        Any, dropped_requirement([Rule("H1", "sentence_changed", "Passes", checked, unchecked, "")])
    )
    van = cast(
        Any, SimpleNamespace(prompt="E-bikes: do not book a van yet; collect in store. " * 3)
    )
    part = promptrule._changed_part(
        ["Book a van straight away, and we deliver the bike the day before your hire starts."],
        van,
        ["Every other bike is delivered by van the day before your hire starts."] * 60,
    )
    no_paper = "no " + "a" * size + " sign"
    listed = "x, " * (size // 3)
    grouped = "ab cd ef, " * (size // 10)
    return {
        "wordamounts money_in_words, number words and long gaps": lambda: [
            money_in_words("£50", text)
            for text in (
                ("one" + " " * 2000) * (size // 2003) + " pounds",
                ("twenty and " * 5 + " " * 1000) * (size // 1055) + " pounds",
                "one two three four five six " * (size // 28) + "pounds",
            )
        ],
        "joinedset _list_around, 'x, x, …' and 'ab cd ef, …' then car": lambda: (
            _list_around(listed + "car", len(listed), len(listed) + 3),
            _list_around(grouped + "car", len(grouped), len(grouped) + 3),
        ),
        "carveout carved_out, excepted and without_claim, long sentences": lambda: _carveout_long(
            size
        ),
        "movedgroup _rewrites, a long article of lists and rows": lambda: _moved_group_long(size),
        "joinedset joined_text, 'bolt, bolt, …' then car": lambda: joined_text(
            joined, "We can't cover a " + "bolt, " * (size // 6) + "car job.\n"
        ),
        "splitcase denies_paperwork, 'no aaa… sign', 'nothing …'": lambda: (
            splitcase.denies_paperwork(no_paper[: splitcase._MAX - 5] + " sign"),
            splitcase.denies_paperwork("nothing " * (splitcase._MAX // 8)),
            splitcase._NO_PAPER.search(no_paper),
            splitcase._OWN_CASE.search(no_paper),
            splitcase._NO_PAPER.search("nothing " * (size // 8)),
            splitcase._OWN_CASE.search("nothing " * (size // 8)),
        ),
        "dropped unneeded, a run of spaces before no colon": lambda: unneeded(
            card, "You'll need your library card number" + " " * size + "to ask for one."
        ),
        "grantedcase _REFUSAL, spaces, 'x don't …', 'a and …'": lambda: (
            _REFUSAL.search("a" + " " * size + "x"),
            _REFUSAL.search("x don't " * (size // 8) + ". y"),
            _REFUSAL.search("a and " * (size // 6) + "x"),
        ),
        "promptrule _restates_changed_part, many sentences": lambda: [
            promptrule._restates_changed_part(f"Sentence {n} about a van the day before.", part)
            for n in range(size // 40)
        ],
    }


def _companions(size: int, shape: int) -> object:
    """`companions.without_old_companions` over `size` characters: (1) one paragraph of
    thousands of sentences restating the old rule after the rewritten one, (2) the same beside
    a new prompt of `size // 15` distinct kept sentences sharing its words, (3) a rewritten
    sentence of spaces and clause after clause."""
    from behaviordiff.drafting.companions import without_old_companions
    from behaviordiff.drafting.facts import ChangeFacts, Rule

    old = "Ask the customer for a photo of the receipt; it is not sent until then, by email."
    new = "No receipt is needed: send it straight away by post."
    if shape == 3:
        old, new = (
            "Send it straight away by email.",
            "First ask for the serial, then send it by post.",
        )
    if shape == 4:
        old, new = (
            "Email them the order form and tell them to print it and sign it.",
            "There's no order form any more: customers don't need to print or sign anything.",
        )
    kept = ["Keep it clean."]
    if shape == 2:
        kept = [
            f"Ask for a photo of the receipt zq{n}x and the box zq{n}y." for n in range(size // 15)
        ]
    facts = ChangeFacts(
        id="C1",
        title="t",
        kind="promises",
        facets=["promises"],
        probe_ids=["p0"],
        rules=[Rule("H1", "sentence_changed", "Claims", old, new, "")],
        prompt_sections={"Claims": [new, *kept]},
    )
    said = "We email it once the receipt reaches us."
    # distinct sentences (a sentence said twice is never dropped)
    filler = [
        f"Check your spam folder zq{n}. In the meantime, don't use it yet zq{n}. We'll ask you "
        f"for a photo of the customer receipt zq{n}, with nothing for you to fill in. "
        for n in range(size // 150)
    ]
    body = "# Claims\n\n" + said + " " + "".join(filler)
    if shape == 3:
        said = "We email it" + " " * size + ", with nothing" + ", and" * (size // 5) + "."
        body = "# Claims\n\n" + said + "\n"
    if shape == 4:
        said = "I've attached our order form."
        body = (
            "# Claims\n\n"
            + said
            + " "
            + "".join(
                f"You'll need to print the zq{n} order form and sign it zq{n} "
                + "the form " * 20
                + ". "
                for n in range(size // 250)
            )
        )
    written = body.replace(said, "We send it by post.")
    return without_old_companions(facts, body, written, "markdown", [said])


def _handed_steps(size: int) -> object:
    """`handedover.handed_section_conflicts` over `size` characters: lead-ins of ours ("We'll
    do it for you:") under a heading naming the action, each before a long list of steps
    speaking of us (each lead-in's list read once, never the whole article per lead-in)."""
    from behaviordiff.detect.model import Condition
    from behaviordiff.drafting.facts import ActionFact, ChangeFacts, Rule
    from behaviordiff.drafting.handedover import handed_section_conflicts
    from behaviordiff.drafting.impact import Conflict
    from behaviordiff.drafting.text import units

    old = "When a member asks, freeze it for them with `freeze_membership` (member_id)."
    new = "Members now freeze their membership themselves in the app."
    facts = ChangeFacts(
        id="C1",
        title="t",
        kind="actions",
        facets=["actions"],
        probe_ids=["p0"],
        conditions=[
            Condition.from_dict(
                {
                    "text": "tag freeze",
                    "atoms": [{"feature": "tag:freeze", "op": "tag"}],
                    "changed": {"matched": 1, "total": 1},
                    "others": {"matched": 0, "total": 1},
                }
            )
        ],
        before_actions=[ActionFact("freeze_membership", ())],
        rules=[Rule("H1", "sentence_changed", "Freezing", old, new, "")],
        prompt_sections={"Freezing": [new]},
    )
    steps = "".join(f"{n}. Message us zq{n}.\n" for n in range(1, 40))
    block = "We'll do it for you:\n\n" + steps + "\n"
    body = "# Your membership\n\n" + block * max(1, size // len(block))
    return handed_section_conflicts(facts, units(body), "Freezing", [], Conflict)


def _lost_found(size: int, shape: int) -> object:
    """The lost-content finder over `size` characters: an article of thousands of sentences
    sharing the lost words, or replies of that size (one sentence, spaces), or (3) an article
    of distinct sentences sharing the lost words beside a new prompt of `size // 15` distinct
    kept sentences (each KB sentence read against every kept one would be quadratic)."""
    from behaviordiff.detect.model import Condition, Excerpt
    from behaviordiff.drafting.facts import ChangeFacts, Rule
    from behaviordiff.drafting.lostsaid import lost_content_finder
    from behaviordiff.drafting.text import units

    said = "We walk you through the barrel adjuster and each gear on a quiet road. "
    if shape == 2:
        said = "We walk you through " + "the barrel adjuster " * (size // 20) + "today. "
    replies = [
        Excerpt(f"p{n}", f"Hi. {said}Bye. Thanks.", "Hi. Our team will call you. Thanks.")
        for n in range(3)
    ]
    condition = Condition.from_dict(
        {
            "text": "fault = gears",
            "atoms": [{"feature": "fault", "op": "=", "value": "gears"}],
            "changed": {"matched": 3, "total": 3},
            "others": {"matched": 0, "total": 9},
        }
    )
    facts = ChangeFacts(
        id="C1",
        title="t",
        kind="promises",
        facets=["promises"],
        probe_ids=["p0", "p1", "p2"],
        conditions=[condition],
        rules=[
            Rule("H1", "sentence_changed", "Repairs", "Walk them through it.", "Hand over.", "")
        ],
        excerpts=replies,
        others=9,
        prompt_sections={"Repairs": ["Hand over."] + ["Keep the gears clean."] * 300},
    )

    def words(seed: int, count: int) -> str:
        return " ".join(f"zq{(seed * 7919 + n * 104729) % 50021}x" for n in range(count))

    if shape == 3:
        kept = [f"{words(n, 10).capitalize()}." for n in range(size // 15)]
        facts.prompt_sections = {"Repairs": ["Hand over.", *kept]}
    find = lost_content_finder(facts, {"gear"})
    body = "# Gears\n\n" + "Turn the barrel adjuster and try each gear on a quiet road. " * (
        size // 60
    )
    if shape == 3:
        line = "Turn the barrel adjuster and try each gear on a quiet road, {}. "
        body = "# Gears\n\n" + "".join(line.format(words(n, 3)) for n in range(size // 90))
    return find(units(body), "Gears", "", "article") if find is not None else None


def _still_offered(module: Any, option: object, body: str) -> object:
    """`still_offered` of `body`, the change's dropped option stubbed in this child only."""
    module.dropped_option = lambda _facts: option
    return module.still_offered(None, body, "markdown", "Showrooms")


def _run(group: str, name: str, size: int, out: Any) -> None:
    cases = (_patterns if group == "patterns" else _loops)(size)
    start = time.perf_counter()
    cases[name]()
    out.put(time.perf_counter() - start)


def _big_kb_drafting(macros: int, folder: str | None) -> None:
    """Draft release 1 of the bundled example with `macros` more macros in its export."""
    import json
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    root = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="bd-kb-")) / "acme"
    if not (root / "behaviordiff.toml").exists():
        subprocess.run(
            [sys.executable, "-m", "behaviordiff", "demo", "--format", "json", str(root)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    export = root / "kb" / "macros.json"
    original = export.with_name("macros.orig.json")
    if not original.exists():
        original.write_bytes(export.read_bytes())
    data = json.loads(original.read_text())
    data["macros"] += [
        {
            "id": 100000 + n,
            "title": f"Misc::Macro {n}",
            "active": True,
            "actions": [
                {
                    "field": "comment_value",
                    "value": "Hello {{ticket.requester.first_name}}, "
                    + "lorem ipsum dolor sit amet " * 40,
                }
            ],
        }
        for n in range(macros)
    ]
    export.write_text(json.dumps(data))
    print(f"{export}: {len(data['macros']):,} macros, {export.stat().st_size / 1e6:.1f} MB")

    from behaviordiff.drafting.service import draft_release
    from behaviordiff.kb import load_project_kb
    from behaviordiff.pipeline import open_project, open_workspace

    project = open_project(folder=root)
    start = time.perf_counter()
    knowledge = load_project_kb(project)
    print(f"{'loading the KB':48s}{time.perf_counter() - start:>11.2f}s", flush=True)
    last = [time.perf_counter(), -1]

    def heard(stage: str, done: int, total: int) -> None:
        if stage.startswith("drafting") and done != last[1]:
            now = time.perf_counter()
            what = "reading the KB, before the first change" if done == 0 else f"change {done}"
            print(f"{what + f' of {total}':48s}{now - last[0]:>11.2f}s", flush=True)
            last[0], last[1] = now, done

    with open_workspace(project) as workspace:
        start = time.perf_counter()
        draft_release(
            workspace, 1, project, drafter="template", knowledge=knowledge, on_progress=heard
        )
    print(f"{'drafting, in all':48s}{time.perf_counter() - start:>11.2f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--kb-macros",
        type=int,
        default=None,
        help="time drafting the example against an export of this many more macros instead",
    )
    parser.add_argument("--project", default=None, help="the example's folder, for --kb-macros")
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=["20000", "100000", "500000"],
        help="text sizes, space- or comma-separated",
    )
    parser.add_argument("--cap", type=float, default=60.0, help="seconds a case may run")
    args = parser.parse_args()
    if args.kb_macros is not None:
        _big_kb_drafting(args.kb_macros, args.project)
        return
    args.sizes = [int(size) for sizes in args.sizes for size in sizes.split(",") if size]
    context = multiprocessing.get_context("fork")
    print(f"{'case':48s}" + "".join(f"{size:>12,d}" for size in args.sizes))
    for group in ("patterns", "loops"):
        for name in (_patterns if group == "patterns" else _loops)(10):
            cells = []
            stalled = False
            for size in args.sizes:
                if stalled:  # a larger text of a shape that stalled stalls too
                    cells.append(f"{'-':>12s}")
                    continue
                out = context.Queue()
                child = context.Process(target=_run, args=(group, name, size, out))
                child.start()
                child.join(args.cap)
                if child.is_alive():
                    child.terminate()
                    child.join()
                    cells.append(f"{'> ' + format(args.cap, 'g') + 's':>12s}")
                    stalled = True
                elif child.exitcode != 0:
                    # the case raised (its traceback is on stderr): say so, never wait on it
                    cells.append(f"{'error':>12s}")
                    stalled = True
                else:
                    cells.append(f"{out.get(timeout=10):>11.3f}s")
            print(f"{name:48s}" + "".join(cells), flush=True)


if __name__ == "__main__":
    main()
