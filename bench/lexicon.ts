// Word lists for the synthetic benchmark corpus: places with their standard UTC offsets, wire
// sources, a few hundred tag names and the phrases the sentence generator strings together.
// People and quotes are invented; nothing here describes a real event.

/** [dateline, standard UTC offset]: ~60 places spread over the world's offsets (DST ignored). */
export const DATELINES: ReadonlyArray<readonly [string, string]> = [
  ["New York, United States", "-05:00"], ["Washington, United States", "-05:00"], ["Denver, United States", "-07:00"], ["Los Angeles, United States", "-08:00"],
  ["Anchorage, United States", "-09:00"], ["Honolulu, United States", "-10:00"], ["Pago Pago, American Samoa", "-11:00"], ["Toronto, Canada", "-05:00"],
  ["Vancouver, Canada", "-08:00"], ["St. John's, Canada", "-03:30"], ["Mexico City, Mexico", "-06:00"], ["Bogotá, Colombia", "-05:00"],
  ["Caracas, Venezuela", "-04:00"], ["Santiago, Chile", "-03:00"], ["Buenos Aires, Argentina", "-03:00"], ["São Paulo, Brazil", "-03:00"],
  ["Nuuk, Greenland", "-02:00"], ["Praia, Cape Verde", "-01:00"], ["Reykjavik, Iceland", "+00:00"], ["London, United Kingdom", "+00:00"],
  ["Lisbon, Portugal", "+00:00"], ["Accra, Ghana", "+00:00"], ["Madrid, Spain", "+01:00"], ["Paris, France", "+01:00"],
  ["Brussels, Belgium", "+01:00"], ["Berlin, Germany", "+01:00"], ["Geneva, Switzerland", "+01:00"], ["Rome, Italy", "+01:00"],
  ["Warsaw, Poland", "+01:00"], ["Lagos, Nigeria", "+01:00"], ["Athens, Greece", "+02:00"], ["Kyiv, Ukraine", "+02:00"],
  ["Cairo, Egypt", "+02:00"], ["Johannesburg, South Africa", "+02:00"], ["Nairobi, Kenya", "+03:00"], ["Addis Ababa, Ethiopia", "+03:00"],
  ["Istanbul, Turkey", "+03:00"], ["Riyadh, Saudi Arabia", "+03:00"], ["Tehran, Iran", "+03:30"], ["Dubai, United Arab Emirates", "+04:00"],
  ["Kabul, Afghanistan", "+04:30"], ["Karachi, Pakistan", "+05:00"], ["Mumbai, India", "+05:30"], ["New Delhi, India", "+05:30"],
  ["Kathmandu, Nepal", "+05:45"], ["Dhaka, Bangladesh", "+06:00"], ["Yangon, Myanmar", "+06:30"], ["Bangkok, Thailand", "+07:00"],
  ["Jakarta, Indonesia", "+07:00"], ["Beijing, China", "+08:00"], ["Hong Kong, China", "+08:00"], ["Singapore, Singapore", "+08:00"],
  ["Seoul, South Korea", "+09:00"], ["Tokyo, Japan", "+09:00"], ["Adelaide, Australia", "+09:30"], ["Sydney, Australia", "+10:00"],
  ["Nouméa, New Caledonia", "+11:00"], ["Auckland, New Zealand", "+12:00"], ["Nuku'alofa, Tonga", "+13:00"], ["Kiritimati, Kiribati", "+14:00"],
];

/** Eight sources, in both forms the contract allows: a name, or { name, url }. */
export const SOURCES: ReadonlyArray<string | { name: string; url: string }> = [
  { name: "AFP", url: "https://www.afp.com" }, { name: "Reuters", url: "https://www.reuters.com" },
  "Associated Press", "Agencies", { name: "Kyodo", url: "https://english.kyodonews.net" }, "DPA",
  { name: "EFE", url: "https://efe.com" }, "Bloomberg",
];

const FIRST = ["Amara", "Lucas", "Mei", "Tomás", "Ingrid", "Rahul", "Fatima", "Olek", "Sofia", "Kwame", "Hana", "Diego", "Leila", "Jonas", "Priya", "Mateo", "Yusuf", "Elena", "Kenji", "Nadia"];
const LAST = ["Okafor", "Brandt", "Lindqvist", "Moreau", "Haddad", "Tanaka", "Novak", "Silva", "Mensah", "Kovacs", "Reyes", "Petrova", "Sato", "Duarte", "Nkosi", "Varga", "Rahman", "Costa", "Berger", "Aziz"];
/** Invented people: 400 first × last combinations. */
export const PEOPLE = FIRST.flatMap((first) => LAST.map((last) => `${first} ${last}`));
export const REPORTERS = PEOPLE.filter((_, i) => i % 19 === 0);

export const TOPICS = ["Politics", "Elections", "Economy", "Markets", "Technology", "Climate", "Energy", "Health", "Courts", "Diplomacy", "Trade", "Labour", "Education", "Science", "Space", "Agriculture", "Transport", "Aviation", "Shipping", "Housing", "Migration", "Human Rights", "Conflict", "Defence", "Crime", "Corruption", "Media", "Culture", "Sport", "Football", "Cricket", "Tourism", "Banking", "Inflation", "Central Banks", "Currencies", "Oil", "Natural Gas", "Mining", "Renewables", "Water", "Wildlife", "Oceans", "Weather", "Floods", "Earthquakes", "Wildfires", "Public Health", "Vaccines", "Artificial Intelligence", "Cybersecurity", "Telecoms", "Semiconductors", "Social Media", "Privacy", "Religion", "Protests", "Refugees", "Food Security", "Infrastructure"];
const ORGANISATIONS = ["United Nations", "European Union", "NATO", "World Health Organization", "IMF", "World Bank", "OPEC", "African Union", "ASEAN", "G20", "G7", "WTO", "Red Cross", "UNHCR", "UNICEF", "Interpol", "Federal Reserve", "European Central Bank", "International Criminal Court", "Mercosur", "Arctic Council", "Commonwealth", "Boeing", "Airbus", "Tesla", "Toyota", "Samsung", "TSMC", "Huawei", "Alibaba", "Amazon", "Google", "Meta", "Microsoft", "Nvidia", "Shell", "BP", "Aramco", "Volkswagen", "Nestlé", "Unilever", "Maersk", "Siemens", "Sony", "Netflix", "Spotify", "TikTok", "WeChat", "Visa", "Pfizer"];
const REGIONS = ["Africa", "Asia", "Europe", "Latin America", "Middle East", "Pacific"];
const REGIONAL = ["Politics", "Economy", "Markets", "Energy", "Climate", "Health", "Trade", "Security", "Technology", "Elections", "Migration", "Agriculture", "Transport", "Labour", "Housing", "Tourism", "Banking", "Water", "Media", "Sport"];
const COUNTRIES = [...new Set(DATELINES.map(([place]) => place.slice(place.lastIndexOf(",") + 1).trim()))];

/** Every tag name, a few hundred, each with a distinct slug. */
export const TAG_NAMES = [...TOPICS, ...COUNTRIES, ...ORGANISATIONS, ...REGIONS.flatMap((r) => REGIONAL.map((t) => `${r} ${t}`))];

export const SUBJECTS = ["The government", "Officials", "The finance ministry", "Local authorities", "Opposition lawmakers", "The central bank", "Analysts", "Union leaders", "The company", "Investigators", "Aid agencies", "Regulators", "Prosecutors", "Environmental groups", "The transport ministry", "Business leaders", "Health officials", "The city council", "Diplomats", "Economists"];
export const REPORTING = ["said", "told reporters", "announced", "warned", "confirmed", "argued", "insisted", "acknowledged", "said in a statement", "told a news conference"];
export const WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday", "late on Friday", "earlier this week", "overnight", "last month", "at the weekend"];
export const THINGS = ["the new regulation", "the proposed budget", "the agreement", "the ceasefire", "the rate increase", "the investigation", "the merger", "the reform", "the project", "the ban", "the plan", "the emergency decree", "the fuel shortage", "the dispute", "the latest delay", "the latest round of talks", "the new tariff regime", "the network outage", "the storm", "the drought", "the strike", "the vote", "the ruling", "the audit", "the subsidy scheme"];
export const MODALS = ["would", "could", "will", "might", "was expected to", "was unlikely to", "had already begun to", "threatened to"];
export const OUTCOMES = ["raise costs for small exporters", "delay the opening of the new terminal", "cut emissions from heavy industry", "push up food prices", "reduce waiting times at public hospitals", "force airlines to cancel flights", "strain public finances", "leave thousands of families without power", "slow the pace of hiring", "open the market to foreign investors", "trigger a fresh round of protests", "ease pressure on the currency", "lead to further legal challenges", "require parliamentary approval", "disrupt shipments across the region", "cost the economy billions of dollars", "change how households pay for water", "keep schools closed for another week", "bring thousands of workers back to the factories", "reshape the country's electricity grid", "test the coalition's fragile majority", "widen the gap between rich and poor districts"];
export const TIMES = ["before the end of the year", "within weeks", "by next spring", "over the coming months", "as early as next week", "in the second half of the year", "for at least two years", "before the summer holidays"];
export const ROLES = ["a senior economist at a regional bank", "the head of the local chamber of commerce", "a spokesperson for the ministry", "an analyst at a research firm", "an opposition lawmaker", "the mayor", "a union representative", "a professor of public policy", "a former diplomat", "the director of a small charity", "a shop owner", "a farmer who has worked the same land for 30 years"];
export const BACKGROUNDS = ["weeks of negotiations between the two sides", "a sharp rise in fuel prices", "months of street protests", "a report that found widespread delays", "a court challenge brought by residents", "a surprise jump in inflation", "record temperatures across the region", "the collapse of an earlier deal", "complaints from hundreds of small businesses", "an inquiry into spending on the project", "heavy rain that flooded several districts", "a leaked memo that circulated online"];
export const SCENES = ["residents queued for hours outside government offices", "shops stayed closed and traffic was light", "hundreds of people gathered near the parliament building", "workers began clearing debris from the main road", "the mood was cautious but calm", "police closed several streets around the ministry", "volunteers handed out water and food", "traders said business had slowed sharply", "families waited for news outside the hospital", "buses ran on a reduced timetable"];
/** [what was counted, what happened to it], kept in pairs so the figures read sensibly. */
export const TALLIES: ReadonlyArray<readonly [string, string]> = [
  ["people", "were evacuated"], ["households", "remain without electricity"], ["jobs", "have been lost"], ["flights", "were cancelled"],
  ["companies", "have applied for support"], ["containers", "were checked by inspectors"], ["workers", "are waiting for compensation"],
  ["schools", "were closed"], ["homes", "were damaged"], ["tonnes of grain", "were held up in port"],
];
export const EPISODES = ["the crisis", "the dispute", "the strike", "the drought", "the storm", "the outage", "the year", "the protests"];
export const QUOTES = ["We will not accept any deal that leaves ordinary families paying the price", "This is a difficult moment, but we have been through worse and we will get through this", "Nobody expected it to happen so quickly, and we are still counting the cost", "The figures speak for themselves: something has to change", "We asked for a seat at the table and we were ignored", "People want answers, and so far they have not had any", "It is too early to say what this means for the rest of the year", "We are ready to talk, but not under these conditions", "Our members have waited long enough", "This decision was taken without consulting the people it affects most", "We have the money, what we need now is time", "I have lived here all my life and I have never seen anything like it"];
export const SUBHEADINGS = ["What happens next", "A long dispute", "Reaction on the ground", "Markets react", "Questions over funding", "The road ahead", "Why it matters", "A divided response", "Counting the cost", "Pressure from abroad", "Behind the numbers", "A familiar pattern"];
export const HEAD_VERBS = ["approves", "rejects", "delays", "unveils", "suspends", "extends", "investigates", "scraps", "backs", "debates", "expands", "revises"];
export const HEAD_THINGS = ["new budget rules", "rail expansion plan", "fuel subsidy cuts", "data privacy law", "emergency aid package", "mining licences", "port privatisation", "minimum wage rise", "water rationing", "vaccine rollout", "election reform", "tax on imports", "flood defences", "airport expansion", "digital payments rules", "housing programme", "fishing quotas", "coal phase-out", "school meals scheme", "border controls"];
export const HEAD_CAUSES = ["weeks of protests", "court ruling", "surprise inflation data", "record heat", "collapse of talks", "network outage", "audit findings", "pressure from lenders", "storm damage", "labour shortage"];
export const LINK_TEXTS = ["the full statement", "the report", "a summary of the ruling", "the official figures", "the draft law", "an earlier analysis", "the court filing", "the government's plan"];
export const LINK_SITES = ["https://www.gov.example", "https://data.stats.example", "https://www.courts.example", "https://news.agency.example", "https://www.research.example"];
