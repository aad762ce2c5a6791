"""Word lists the loader reads names and roles by: vocabulary, not rules."""

from __future__ import annotations

# words that say what someone does: `political analyst Murad Shamilov`
ROLE_SET = frozenset(
    "analyst expert professor economist founder co-founder historian scientist researcher"
    " director journalist writer author novelist poet artist activist politician diplomat"
    " ambassador lawyer photographer editor ceo maker creator designer developer engineer"
    " actor actress musician composer doctor physician specialist scholar observer"
    " commentator strategist entrepreneur chairman chairwoman minister spokesperson"
    " spokesman spokeswoman veteran curator coach player filmmaker head leader deputy"
    " senator governor mayor teacher student farmer nurse chef priest singer dancer painter"
    " sculptor architect conductor owner manager president".split()
)

# words with an occupational ending that are not occupations
NOT_ROLES = frozenset(
    "after over under other either whether never ever later together rather former latter"
    " another order water paper matter number member summer winter border power center"
    " centre corner error mirror floor door for or her their our your".split()
)

# words that end a run of role words before a name
FUNCTION = frozenset(
    "a an the to with by of and or in on at for from as about that this his her their its"
    " our talked spoke said says told met asked interviewed contacted visited joined called"
    " meet featuring including is was were be been has have had".split()
)

# capitalised words that start a sentence, not a name
STOP_FIRST = frozenset(
    "The This That These Those In On At For According As But And When While During After"
    " Before It He She They We Our Its His Her Their A An If Although However Moreover Such"
    " Meet Previously Today Yesterday Last Next".split()
)

# titles written before a name
TITLES = frozenset(
    "President Prime Minister Head Chairman Chairwoman Director Professor Prof Dr Mr Mrs Ms"
    " Senator Governor Ambassador General Secretary Mayor Judge Deputy Vice Chancellor King"
    " Queen Prince Sir Dame Pope Premier".split()
)
