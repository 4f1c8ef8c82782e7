namespace InedoLicense.Catalogue;

public enum CatalogueLookupFailure { UnknownProduct, UnknownEdition }
