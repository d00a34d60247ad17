// The report form's place and emergency enhancements. Without this script the kecamatan select,
// the typed address and the server's own checks still work.
// - "Use my location" (only where the browser has geolocation) and the map pin fill the hidden
//   Lat/Lng fields and the kecamatan whose centre is nearest (the server does the same).
// - Leaflet (~150 KB) loads only when the map is needed.
// - Choosing an emergency category shows "call 112" at the top of the form at once.
(function () {
  'use strict';
  var form = document.getElementById('report');
  var banner = document.getElementById('emergency');
  if (form && banner) {
    form.addEventListener('change', function (e) {
      if (e.target.name === 'Report.Category') { banner.hidden = e.target.dataset.emergency !== 'true'; }
    });
  }

  var box = document.getElementById('map');
  var lat = document.getElementById('Report_Location_Lat');
  var lng = document.getElementById('Report_Location_Lng');
  var kecamatan = document.getElementById('Report_Location_Kecamatan');
  if (!box || !lat || !lng) { return; }

  var d = box.dataset;
  var buttons = document.createElement('p');
  buttons.className = 'map-buttons';
  var showButton = document.createElement('button');
  showButton.type = 'button';
  showButton.id = 'show-map';
  showButton.textContent = d.show;
  buttons.appendChild(showButton);
  var locateButton = null;
  if (navigator.geolocation) {
    locateButton = document.createElement('button');
    locateButton.type = 'button';
    locateButton.id = 'locate';
    locateButton.textContent = d.locate;
    buttons.insertBefore(locateButton, showButton);
  }
  box.parentNode.insertBefore(buttons, box);
  var status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.id = 'map-status';
  box.parentNode.insertBefore(status, box.nextSibling);

  // The kecamatan the script chose last: a choice the citizen made themselves is never overwritten.
  var suggested = null;

  function nearest(at) {
    if (!kecamatan) { return null; }
    var best = null;
    Array.prototype.forEach.call(kecamatan.options, function (o) {
      if (!o.dataset.lat) { return; }
      var x = (+o.dataset.lng - at.lng) * Math.cos(at.lat * Math.PI / 180), y = +o.dataset.lat - at.lat;
      var km = Math.sqrt(x * x + y * y) * 111.32;
      if (km <= +d.maxKm && (!best || km < best.km)) { best = { name: o.value, km: km }; }
    });
    return best && best.name;
  }

  function suggest(at) {
    var name = nearest(at);
    if (name && kecamatan && (kecamatan.value === '' || kecamatan.value === suggested)) {
      kecamatan.value = name;
      suggested = name;
    }
    return name;
  }

  var map = null, marker = null;

  function setPin(at) {
    lat.value = at.lat.toFixed(6);
    lng.value = at.lng.toFixed(6);
    if (map) {
      if (marker) { marker.setLatLng(at); } else { marker = L.marker(at, { alt: d.picked }).addTo(map); }
      map.setView(at, Math.max(map.getZoom(), 16));
    }
  }

  function load(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement(tag);
      Object.keys(attrs).forEach(function (k) { el[k] = attrs[k]; });
      el.onload = resolve;
      el.onerror = reject;
      document.head.appendChild(el);
    });
  }

  function show() {
    if (map) { return Promise.resolve(); }
    showButton.disabled = true;
    return Promise.all([
      load('link', { rel: 'stylesheet', href: '/lib/leaflet/leaflet.css' }),
      window.L ? Promise.resolve() : load('script', { src: '/lib/leaflet/leaflet.js' })
    ]).then(function () {
      box.hidden = false;
      showButton.hidden = true;
      var start = lat.value && lng.value ? [+lat.value, +lng.value] : [+d.lat, +d.lng];
      map = L.map(box).setView(start, +d.zoom);
      L.tileLayer(d.tiles, { maxZoom: 19, attribution: d.attribution }).addTo(map);
      if (lat.value && lng.value) { setPin(L.latLng(start[0], start[1])); }
      map.on('click', function (e) {
        setPin(e.latlng);
        suggest(e.latlng);
        status.textContent = d.picked + ' ' + lat.value + ', ' + lng.value;
      });
    }, function () { showButton.disabled = false; });
  }

  showButton.addEventListener('click', show);
  if (locateButton) {
    locateButton.addEventListener('click', function () {
      locateButton.disabled = true;
      status.textContent = d.locating;
      navigator.geolocation.getCurrentPosition(function (p) {
        locateButton.disabled = false;
        var at = { lat: p.coords.latitude, lng: p.coords.longitude };
        var name = nearest(at);
        var hasCentres = kecamatan && Array.prototype.some.call(kecamatan.options, function (o) { return !!o.dataset.lat; });
        if (!name && hasCentres) { status.textContent = d.outside; return; }
        setPin(at);
        suggest(at);
        status.textContent = d.located.replace('{0}', (kecamatan && kecamatan.value) || name || '–');
        show().then(function () { setPin(at); });
      }, function (err) {
        locateButton.disabled = false;
        status.textContent = err.code === 1 ? d.denied : d.unavailable;
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    });
  }
}());
