localStorage.setItem("visited", "yes");
document.cookie = "seen=1; path=/";
