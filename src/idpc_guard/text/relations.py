"""The words of a person's relation to others: family, household, friends.

Shared by the recogniser of relations (:mod:`idpc_guard.recognizers.relations`) and by
the policy that reads a name's tie to someone ("her neighbour, X"), so both know the
same relations. Regular-expression alternatives, without groups or flags.
"""

from __future__ import annotations

__all__ = ["CLOSE", "WIDER"]

#: Partners, children and siblings: a relation that points to one person whoever's it is.
CLOSE = (
    "ex-?partner|partner|ex-?boyfriend|boyfriend|ex-?girlfriend|girlfriend|ex-?husband|husband|"
    "ex-?wife|wife|fianc[eé]e?|spouse|civil partner|"
    "son|daughter|child|children|kids?|baby|babies|twins?|stepson|stepdaughter|stepchild|"
    "step-son|step-daughter|step-child|grandson|granddaughter|grandchild|grandchildren|"
    "brother|sister|half-brother|half-sister|stepbrother|stepsister|step-brother|step-sister|"
    "brothers|sisters|nephew|niece|godson|goddaughter|boy|girl|lad|lass|eldest|youngest"
)
#: Parents, the wider family, friends and household: in a lay person's own words ("my
#: mum", "my next-door neighbour") or of a party ("the victim's mother"). Written of
#: anyone ("his father", "her family") they are too common in any prose to single
#: anyone out, and are left alone.
WIDER = (
    "ex|mother|mum|mummy|mam|mom|father|dad|daddy|parents?|stepmother|stepmum|stepfather|"
    "stepdad|step-mum|step-dad|step-father|step-mother|grandmother|grandma|gran|granny|nan|"
    "nana|nanna|grandfather|grandad|granddad|grandpa|grandparents?|siblings?|"
    "aunt|auntie|aunty|uncle|cousin|"
    "mother-in-law|father-in-law|sister-in-law|brother-in-law|son-in-law|daughter-in-law|"
    "in-laws|family|relatives?|"
    "neighbours?|next-door neighbour|best friend|friend|friends|flatmate|housemate|lodger|"
    "carer|godmother|godfather"
)
