export default {
  title: "Baseline News",
  language: "en",
  url: "https://baseline.example",
};
