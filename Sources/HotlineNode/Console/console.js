// The web console: placeholder until the console lands.
document.getElementById("app").textContent = "Hotline console";
