/*
 * import_sniff_date_names.c: the names of months and weekdays that bank dates are
 * written with, per language.  This is data: to add a language, add one
 * entry below, spelled as the language spells it (accents, capitals and
 * Cyrillic are fine: import_sniff_date.c folds case and drops accents from both the
 * table and the date, so "Août", "aout" and "AOÛT" are one name).  Each
 * month holds every spelling in use, blank-separated: the full name, its
 * inflected forms ("ноября", "listopada", the genitive of dates) and the
 * abbreviations banks print (with or without a final dot, which is read as
 * part of the date).  A spelling may appear in several languages, but only
 * for the same month; tests/test_date.c checks that.  Weekdays are only
 * skipped (see import_sniff_date.c), so their list has no order.
 */
#include "import_internal.h"

const struct gig__date_lang gig__date_langs[] = {
    {"en",
     {"january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
      "august aug", "september sep sept", "october oct", "november nov", "december dec"},
     "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat "
     "sunday sun"},
    {"de",
     {"januar jan jänner jän", "februar feb feber", "märz mär mrz", "april apr", "mai", "juni jun",
      "juli jul", "august aug", "september sep sept", "oktober okt", "november nov",
      "dezember dez"},
     "montag mo dienstag di mittwoch mi donnerstag do freitag fr samstag sonnabend sa sonntag "
     "so"},
    {"fr",
     {"janvier janv", "février févr fév", "mars", "avril avr", "mai", "juin", "juillet juil",
      "août", "septembre sept", "octobre oct", "novembre nov", "décembre déc"},
     "lundi lun mardi mar mercredi mer jeudi jeu vendredi ven samedi sam dimanche dim"},
    {"es",
     {"enero ene", "febrero feb", "marzo mar", "abril abr", "mayo may", "junio jun", "julio jul",
      "agosto ago", "septiembre setiembre sep sept set", "octubre oct", "noviembre nov",
      "diciembre dic"},
     "lunes lun martes mar miércoles mié mie jueves jue viernes vie sábado sáb sab domingo "
     "dom"},
    {"it",
     {"gennaio gen", "febbraio feb", "marzo mar", "aprile apr", "maggio mag", "giugno giu",
      "luglio lug", "agosto ago", "settembre set sett", "ottobre ott", "novembre nov",
      "dicembre dic"},
     "lunedì lun martedì mar mercoledì mer giovedì gio venerdì ven sabato sab domenica dom"},
    {"nl",
     {"januari jan", "februari feb", "maart mrt mar", "april apr", "mei", "juni jun", "juli jul",
      "augustus aug", "september sep sept", "oktober okt", "november nov", "december dec"},
     "maandag ma dinsdag di woensdag wo donderdag do vrijdag vr zaterdag za zondag zo"},
    {"pt",
     {"janeiro jan", "fevereiro fev", "março mar", "abril abr", "maio mai", "junho jun",
      "julho jul", "agosto ago", "setembro set", "outubro out", "novembro nov", "dezembro dez"},
     /* "segunda-feira": the part after the hyphen is skipped with the name */
     "segunda seg terça ter quarta qua quinta qui sexta sex sábado sáb domingo dom"},
    {"pl",
     {"styczeń stycznia sty", "luty lutego lut", "marzec marca mar", "kwiecień kwietnia kwi",
      "maj maja", "czerwiec czerwca cze", "lipiec lipca lip", "sierpień sierpnia sie",
      "wrzesień września wrz", "październik października paź", "listopad listopada lis",
      "grudzień grudnia gru"},
     "poniedziałek pon wtorek wt środa śr czwartek czw piątek pt sobota sob niedziela niedz "
     "nd"},
    {"sv",
     {"januari jan", "februari feb", "mars mar", "april apr", "maj", "juni jun", "juli jul",
      "augusti aug", "september sep sept", "oktober okt", "november nov", "december dec"},
     "måndag mån tisdag tis onsdag ons torsdag tor fredag fre lördag lör söndag sön"},
    {"ru",
     {"январь января янв", "февраль февраля фев февр", "март марта мар", "апрель апреля апр",
      "май мая", "июнь июня июн", "июль июля июл", "август августа авг",
      "сентябрь сентября сен сент", "октябрь октября окт", "ноябрь ноября ноя нояб",
      "декабрь декабря дек"},
     "понедельник пн вторник вт среда ср четверг чт пятница пт суббота сб воскресенье вс"},
};

const size_t gig__date_n_langs = G_N_ELEMENTS(gig__date_langs);
