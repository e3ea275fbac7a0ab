package org.prooftrail.core.envelope;

import java.util.Set;

/**
 * The GS1 Core Business Vocabulary (CBV 2.0) names that EPCIS 2.0 JSON allows in bare form, as
 * listed in GS1's EPCIS 2.0 JSON schema. Any other value must be a URI outside GS1's own namespaces.
 */
final class EpcisVocabulary {
    static final Set<String> ACTIONS = Set.of("OBSERVE", "ADD", "DELETE");
    static final Set<String> BIZ_STEPS = Set.of(
            "accepting", "arriving", "assembling", "collecting", "commissioning", "consigning",
            "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying",
            "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting",
            "installing", "killing", "loading", "other", "packing", "picking", "receiving", "removing",
            "repackaging", "repairing", "replacing", "reserving", "retail_selling", "shipping",
            "staging_outbound", "stock_taking", "stocking", "storing", "transporting", "unloading",
            "unpacking", "void_shipping", "sensor_reporting", "sampling");
    static final Set<String> DISPOSITIONS = Set.of(
            "active", "container_closed", "damaged", "destroyed", "dispensed", "disposed", "encoded",
            "expired", "in_progress", "in_transit", "inactive", "no_pedigree_match", "non_sellable_other",
            "partially_dispensed", "recalled", "reserved", "retail_sold", "returned", "sellable_accessible",
            "sellable_not_accessible", "stolen", "unknown", "available", "completeness_verified",
            "completeness_inferred", "conformant", "container_open", "mismatch_instance", "mismatch_class",
            "mismatch_quantity", "needs_replacement", "non_conformant", "unavailable");
    static final Set<String> BIZ_TRANSACTION_TYPES = Set.of(
            "bol", "cert", "desadv", "inv", "pedigree", "po", "poc", "prodorder", "recadv", "rma", "testprd",
            "testres", "upevt");
    static final Set<String> SOURCE_DEST_TYPES = Set.of(
            "owning_party", "possessing_party", "location");
    static final Set<String> MEASUREMENT_TYPES = Set.of(
            "AbsoluteHumidity", "AbsorbedDose", "AbsorbedDoseRate", "Acceleration", "Radioactivity",
            "Altitude", "AmountOfSubstance", "AmountOfSubstancePerUnitVolume", "Angle", "AngularAcceleration",
            "AngularMomentum", "AngularVelocity", "Area", "Capacitance", "Conductance", "Conductivity",
            "Count", "Density", "Dimensionless", "DoseEquivalent", "DoseEquivalentRate", "DynamicViscosity",
            "ElectricCharge", "ElectricCurrent", "ElectricCurrentDensity", "ElectricFieldStrength", "Energy",
            "Exposure", "Force", "Frequency", "Illuminance", "Inductance", "Irradiance", "KinematicViscosity",
            "Length", "LinearMomentum", "Luminance", "LuminousFlux", "LuminousIntensity", "MagneticFlux",
            "MagneticFluxDensity", "MagneticVectorPotential", "Mass", "MassConcentration", "MassFlowRate",
            "MassPerAreaTime", "MemoryCapacity", "MolalityOfSolute", "MolarEnergy", "MolarMass",
            "MolarVolume", "Power", "Pressure", "RadiantFlux", "RadiantIntensity", "RelativeHumidity",
            "Resistance", "Resistivity", "SolidAngle", "SpecificVolume", "Speed", "SurfaceDensity",
            "SurfaceTension", "Temperature", "Time", "Torque", "Voltage", "Volume", "VolumeFlowRate",
            "VolumeFraction", "VolumetricFlux", "Wavenumber");
    static final Set<String> SENSOR_ALERT_TYPES = Set.of(
            "ALARM_CONDITION", "ERROR_CONDITION");
    static final Set<String> COMPONENTS = Set.of(
            "x", "y", "z", "axial_distance", "azimuth", "height", "spherical_radius", "polar_angle",
            "elevation_angle", "easting", "northing", "latitude", "longitude", "altitude");
    static final Set<String> ERROR_REASONS = Set.of(
            "did_not_occur", "incorrect_data");

    private EpcisVocabulary() {
    }

    /**
     * A user-defined vocabulary URI where a CBV name is also allowed. CBV values spelt as URIs are
     * refused: EPCIS 2.0 JSON writes them as bare names (schema definition vocab-other-uri).
     */
    static boolean isOtherUri(String text) {
        return JsonChecks.isAbsoluteUri(text) && !text.startsWith("urn:epcglobal:cbv")
                && !text.startsWith("http://ns.gs1.org/cbv/") && !text.startsWith("https://ns.gs1.org/cbv/");
    }

    /** A URI outside the GS1 Web Vocabulary, which has bare names instead (vocab-nonGS1WebVoc-uri). */
    static boolean isNonGs1WebVocUri(String text) {
        return JsonChecks.isAbsoluteUri(text) && !text.startsWith("http://gs1.org/voc/")
                && !text.startsWith("https://gs1.org/voc/") && !text.startsWith("http://www.gs1.org/voc/")
                && !text.startsWith("https://www.gs1.org/voc/");
    }
}
