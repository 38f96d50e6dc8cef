/**
 * WIPO ST.3 two-letter codes (ISO 3166-1 alpha-2 states and territories plus the codes ST.3 gives to
 * intergovernmental organisations), kept as data. Each row: `CODE|Name|basis`, where basis says why (or whether) a
 * first filing there founds a Paris priority (domain.md 1.2):
 *
 * - `P`  Paris Union member state (Paris Art. 4A(1)).
 * - `W`  WTO member that is not (or not known to be) a Paris member: TRIPS Art. 2.1 makes it apply Paris Art. 1-12.
 * - `O`  regional or international office whose filings are equivalent to national filings by treaty (Art. 4A(2)).
 * - `T`  dependent territory; the parent state's accession may cover it, which dipr does not model (treated as no).
 * - `N`  no basis known.
 *
 * A trailing `?` marks a status not checked against WIPO's Paris and WTO membership lists (see the domain report);
 * the flag is configuration, not law. `XX` (unknown) is deliberately absent: domain.md 1.1 rejects it.
 */
export const ST3_ROWS = `
AD|Andorra|P
AE|United Arab Emirates|P
AF|Afghanistan|P?
AG|Antigua and Barbuda|P
AI|Anguilla|T
AL|Albania|P
AM|Armenia|P
AO|Angola|P
AP|African Regional Intellectual Property Organization (ARIPO)|O
AQ|Antarctica|N
AR|Argentina|P
AS|American Samoa|T
AT|Austria|P
AU|Australia|P
AW|Aruba|T
AX|Åland Islands|T
AZ|Azerbaijan|P
BA|Bosnia and Herzegovina|P
BB|Barbados|P
BD|Bangladesh|P
BE|Belgium|P
BF|Burkina Faso|P
BG|Bulgaria|P
BH|Bahrain|P
BI|Burundi|P
BJ|Benin|P
BL|Saint Barthélemy|T
BM|Bermuda|T
BN|Brunei Darussalam|P
BO|Bolivia (Plurinational State of)|P
BQ|Bonaire, Sint Eustatius and Saba|T
BR|Brazil|P
BS|Bahamas|P
BT|Bhutan|P
BV|Bouvet Island|T
BW|Botswana|P
BX|Benelux Office for Intellectual Property (BOIP)|O
BY|Belarus|P
BZ|Belize|P
CA|Canada|P
CC|Cocos (Keeling) Islands|T
CD|Democratic Republic of the Congo|P
CF|Central African Republic|P
CG|Congo|P
CH|Switzerland|P
CI|Côte d'Ivoire|P
CK|Cook Islands|N?
CL|Chile|P
CM|Cameroon|P
CN|China|P
CO|Colombia|P
CR|Costa Rica|P
CU|Cuba|P
CV|Cabo Verde|W?
CW|Curaçao|T
CX|Christmas Island|T
CY|Cyprus|P
CZ|Czechia|P
DE|Germany|P
DJ|Djibouti|P
DK|Denmark|P
DM|Dominica|P
DO|Dominican Republic|P
DZ|Algeria|P
EA|Eurasian Patent Organization (EAPO)|O
EC|Ecuador|P
EE|Estonia|P
EG|Egypt|P
EH|Western Sahara|N
EM|European Union Intellectual Property Office (EUIPO)|O
EP|European Patent Office (EPO)|O
ER|Eritrea|N
ES|Spain|P
ET|Ethiopia|N
FI|Finland|P
FJ|Fiji|W
FK|Falkland Islands (Malvinas)|T
FM|Micronesia (Federated States of)|N?
FO|Faroe Islands|T
FR|France|P
GA|Gabon|P
GB|United Kingdom|P
GC|Patent Office of the Cooperation Council for the Arab States of the Gulf (GCC Patent Office)|O
GD|Grenada|P
GE|Georgia|P
GF|French Guiana|T
GG|Guernsey|T
GH|Ghana|P
GI|Gibraltar|T
GL|Greenland|T
GM|Gambia|P
GN|Guinea|P
GP|Guadeloupe|T
GQ|Equatorial Guinea|P
GR|Greece|P
GS|South Georgia and the South Sandwich Islands|T
GT|Guatemala|P
GU|Guam|T
GW|Guinea-Bissau|P
GY|Guyana|P
HK|Hong Kong, China|W
HM|Heard Island and McDonald Islands|T
HN|Honduras|P
HR|Croatia|P
HT|Haiti|P
HU|Hungary|P
IB|International Bureau of the World Intellectual Property Organization (WIPO)|O
ID|Indonesia|P
IE|Ireland|P
IL|Israel|P
IM|Isle of Man|T
IN|India|P
IO|British Indian Ocean Territory|T
IQ|Iraq|P
IR|Iran (Islamic Republic of)|P
IS|Iceland|P
IT|Italy|P
JE|Jersey|T
JM|Jamaica|P
JO|Jordan|P
JP|Japan|P
KE|Kenya|P
KG|Kyrgyzstan|P
KH|Cambodia|P
KI|Kiribati|N?
KM|Comoros|P
KN|Saint Kitts and Nevis|P
KP|Democratic People's Republic of Korea|P
KR|Republic of Korea|P
KW|Kuwait|P
KY|Cayman Islands|T
KZ|Kazakhstan|P
LA|Lao People's Democratic Republic|P
LB|Lebanon|P
LC|Saint Lucia|P
LI|Liechtenstein|P
LK|Sri Lanka|P
LR|Liberia|P
LS|Lesotho|P
LT|Lithuania|P
LU|Luxembourg|P
LV|Latvia|P
LY|Libya|P
MA|Morocco|P
MC|Monaco|P
MD|Republic of Moldova|P
ME|Montenegro|P
MF|Saint Martin (French part)|T
MG|Madagascar|P
MH|Marshall Islands|N?
MK|North Macedonia|P
ML|Mali|P
MM|Myanmar|W
MN|Mongolia|P
MO|Macao, China|W
MP|Northern Mariana Islands|T
MQ|Martinique|T
MR|Mauritania|P
MS|Montserrat|T
MT|Malta|P
MU|Mauritius|P
MV|Maldives|W
MW|Malawi|P
MX|Mexico|P
MY|Malaysia|P
MZ|Mozambique|P
NA|Namibia|P
NC|New Caledonia|T
NE|Niger|P
NF|Norfolk Island|T
NG|Nigeria|P
NI|Nicaragua|P
NL|Netherlands|P
NO|Norway|P
NP|Nepal|P
NR|Nauru|N?
NU|Niue|N?
NZ|New Zealand|P
OA|African Intellectual Property Organization (OAPI)|O
OM|Oman|P
PA|Panama|P
PE|Peru|P
PF|French Polynesia|T
PG|Papua New Guinea|P
PH|Philippines|P
PK|Pakistan|P
PL|Poland|P
PM|Saint Pierre and Miquelon|T
PN|Pitcairn|T
PR|Puerto Rico|T
PS|State of Palestine|N?
PT|Portugal|P
PW|Palau|N?
PY|Paraguay|P
QA|Qatar|P
QZ|Community Plant Variety Office (European Union) (CPVO)|N
RE|Réunion|T
RO|Romania|P
RS|Serbia|P
RU|Russian Federation|P
RW|Rwanda|P
SA|Saudi Arabia|P
SB|Solomon Islands|W
SC|Seychelles|P
SD|Sudan|P
SE|Sweden|P
SG|Singapore|P
SH|Saint Helena, Ascension and Tristan da Cunha|T
SI|Slovenia|P
SJ|Svalbard and Jan Mayen|T
SK|Slovakia|P
SL|Sierra Leone|P
SM|San Marino|P
SN|Senegal|P
SO|Somalia|N
SR|Suriname|P
SS|South Sudan|N
ST|Sao Tome and Principe|P
SV|El Salvador|P
SX|Sint Maarten (Dutch part)|T
SY|Syrian Arab Republic|P
SZ|Eswatini|P
TC|Turks and Caicos Islands|T
TD|Chad|P
TF|French Southern Territories|T
TG|Togo|P
TH|Thailand|P
TJ|Tajikistan|P
TK|Tokelau|T
TL|Timor-Leste|W?
TM|Turkmenistan|P
TN|Tunisia|P
TO|Tonga|P
TR|Türkiye|P
TT|Trinidad and Tobago|P
TV|Tuvalu|N?
TW|Taiwan, Province of China|W
TZ|United Republic of Tanzania|P
UA|Ukraine|P
UG|Uganda|P
UM|United States Minor Outlying Islands|T
US|United States of America|P
UY|Uruguay|P
UZ|Uzbekistan|P
VA|Holy See|P
VC|Saint Vincent and the Grenadines|P
VE|Venezuela (Bolivarian Republic of)|P
VG|Virgin Islands (British)|T
VI|Virgin Islands (U.S.)|T
VN|Viet Nam|P
VU|Vanuatu|W
WF|Wallis and Futuna|T
WO|World Intellectual Property Organization (WIPO)|O
WS|Samoa|P
XN|Nordic Patent Institute (NPI)|N
XU|International Union for the Protection of New Varieties of Plants (UPOV)|N
XV|Visegrad Patent Institute (VPI)|N
YE|Yemen|P
YT|Mayotte|T
ZA|South Africa|P
ZM|Zambia|P
ZW|Zimbabwe|P
`;

/** Codes of organisations, with the ST.96 filing category their filings carry (domain.md 1.1, 5.4). */
export const ORGANISATION_KIND: Readonly<Record<string, "regional" | "international">> = {
  AP: "regional",
  BX: "regional",
  EA: "regional",
  EM: "regional",
  EP: "regional",
  GC: "regional",
  OA: "regional",
  QZ: "regional",
  IB: "international",
  WO: "international",
  XN: "international",
  XU: "international",
  XV: "international",
};
