// Denmark's 98 municipalities as a tile-grid map: one square per municipality, placed by
// geography (column west → east, row north → south), as newspapers draw them where real borders
// would make the capital's 29 small municipalities unreadable. Data only; the dashboard draws it
// (dashboard.js, renderUsageMap). The unit test (src/dashboard/municipality-tiles.unit.spec.ts)
// holds it complete against the reference data: every municipality code once, no two on a tile.

/** municipality code → [column, row] */
export const municipalityTiles = {
  // Region Nordjylland
  860: [3, 0], // Hjørring
  813: [4, 0], // Frederikshavn
  825: [5, 0], // Læsø
  787: [1, 1], // Thisted
  849: [2, 1], // Jammerbugt
  810: [3, 1], // Brønderslev
  773: [1, 2], // Morsø
  820: [2, 2], // Vesthimmerlands
  851: [3, 2], // Aalborg
  840: [3, 3], // Rebild
  846: [4, 3], // Mariagerfjord
  // Region Midtjylland
  665: [0, 3], // Lemvig
  671: [1, 3], // Struer
  779: [2, 3], // Skive
  661: [1, 4], // Holstebro
  791: [2, 4], // Viborg
  730: [3, 4], // Randers
  707: [4, 4], // Norddjurs
  760: [0, 5], // Ringkøbing-Skjern
  657: [1, 5], // Herning
  740: [2, 5], // Silkeborg
  710: [3, 5], // Favrskov
  706: [4, 5], // Syddjurs
  756: [1, 6], // Ikast-Brande
  746: [2, 6], // Skanderborg
  751: [3, 6], // Aarhus
  615: [2, 7], // Horsens
  727: [3, 7], // Odder
  741: [4, 7], // Samsø
  766: [3, 8], // Hedensted
  // Region Syddanmark
  573: [0, 7], // Varde
  530: [1, 7], // Billund
  561: [0, 8], // Esbjerg
  575: [1, 8], // Vejen
  630: [2, 8], // Vejle
  563: [0, 9], // Fanø
  621: [1, 9], // Kolding
  607: [2, 9], // Fredericia
  510: [1, 10], // Haderslev
  550: [0, 11], // Tønder
  580: [1, 11], // Aabenraa
  540: [2, 11], // Sønderborg
  410: [3, 9], // Middelfart
  480: [4, 9], // Nordfyns
  440: [5, 9], // Kerteminde
  420: [3, 10], // Assens
  461: [4, 10], // Odense
  450: [5, 10], // Nyborg
  430: [4, 11], // Faaborg-Midtfyn
  479: [5, 11], // Svendborg
  492: [4, 12], // Ærø
  482: [5, 12], // Langeland
  // Region Sjælland
  306: [7, 6], // Odsherred
  326: [6, 7], // Kalundborg
  316: [7, 7], // Holbæk
  350: [8, 7], // Lejre
  265: [9, 7], // Roskilde
  330: [6, 8], // Slagelse
  340: [7, 8], // Sorø
  329: [8, 8], // Ringsted
  259: [9, 8], // Køge
  253: [10, 8], // Greve
  370: [7, 9], // Næstved
  320: [8, 9], // Faxe
  336: [9, 9], // Stevns
  269: [10, 9], // Solrød
  390: [8, 10], // Vordingborg
  360: [7, 11], // Lolland
  376: [8, 11], // Guldborgsund
  // Region Hovedstaden
  270: [10, 3], // Gribskov
  217: [11, 3], // Helsingør
  260: [9, 4], // Halsnæs
  219: [10, 4], // Hillerød
  210: [11, 4], // Fredensborg
  223: [12, 4], // Hørsholm
  250: [9, 5], // Frederikssund
  201: [10, 5], // Allerød
  190: [11, 5], // Furesø
  230: [12, 5], // Rudersdal
  173: [13, 5], // Lyngby-Taarbæk
  240: [9, 6], // Egedal
  151: [10, 6], // Ballerup
  163: [11, 6], // Herlev
  159: [12, 6], // Gladsaxe
  157: [13, 6], // Gentofte
  169: [10, 7], // Høje-Taastrup
  165: [11, 7], // Albertslund
  161: [12, 7], // Glostrup
  175: [13, 7], // Rødovre
  147: [14, 7], // Frederiksberg
  187: [11, 8], // Vallensbæk
  153: [12, 8], // Brøndby
  167: [13, 8], // Hvidovre
  101: [14, 8], // København
  183: [11, 9], // Ishøj
  185: [14, 9], // Tårnby
  155: [15, 9], // Dragør
  400: [16, 11], // Bornholm
};
