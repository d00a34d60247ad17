// The report form's map pin: a progressive enhancement. Leaflet (~150 KB) loads only when the
// citizen asks for the map; the pin fills the hidden Lat/Lng fields. Without it, the kecamatan
// select and the typed address still work.
(function () {
  'use strict';
  var box = document.getElementById('map');
  var lat = document.getElementById('Report_Location_Lat');
  var lng = document.getElementById('Report_Location_Lng');
  if (!box || !lat || !lng) { return; }

  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'show-map';
  button.textContent = box.dataset.show;
  box.parentNode.insertBefore(button, box);
  var status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.id = 'map-status';
  box.parentNode.insertBefore(status, box.nextSibling);

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
    button.disabled = true;
    Promise.all([
      load('link', { rel: 'stylesheet', href: '/lib/leaflet/leaflet.css' }),
      load('script', { src: '/lib/leaflet/leaflet.js' })
    ]).then(function () {
      box.hidden = false;
      button.hidden = true;
      var start = lat.value && lng.value ? [+lat.value, +lng.value] : [+box.dataset.lat, +box.dataset.lng];
      var map = L.map(box).setView(start, +box.dataset.zoom);
      L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map);
      var marker = null;
      function place(at) {
        if (marker) { marker.setLatLng(at); } else { marker = L.marker(at).addTo(map); }
        lat.value = at.lat.toFixed(6);
        lng.value = at.lng.toFixed(6);
        status.textContent = box.dataset.picked + ' ' + lat.value + ', ' + lng.value;
      }
      if (lat.value && lng.value) { place(L.latLng(start[0], start[1])); }
      map.on('click', function (e) { place(e.latlng); });
    }, function () { button.disabled = false; });
  }

  button.addEventListener('click', show);
}());
